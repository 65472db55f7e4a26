// Enterprise SSO against a real OpenID Connect provider (oauth2-mock-server: discovery, JWKS,
// authorization code with PKCE, refresh tokens) running beside the server: the browser login,
// every kind of bad token on REST and the WebSocket, key rotation, group-restricted rooms, the
// Origin check, and a token expiring under an open connection.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { OAuth2Server } from 'oauth2-mock-server';
import WebSocket from 'ws';
import { freePort, ParleyServer } from './parleyServer';

const CLIENT_ID = 'parley-spa';
const AUDIENCE = 'parley';

interface Person {
  sub: string;
  name: string;
  roles: string[];
}

const oidc = new OAuth2Server();
let server: ParleyServer;
let issuer: string;
/** who the provider signs in next through the browser flow, and for how long */
let browserUser: Person = { sub: 'u-ada', name: 'Ada Lovelace', roles: ['chat-users'] };
let browserTokenSeconds = 3600;

test.beforeAll(async () => {
  test.setTimeout(200_000);
  await oidc.issuer.keys.generate('RS256');
  const oidcPort = await freePort();
  await oidc.start(oidcPort, 'localhost');
  issuer = oidc.issuer.url!;
  // tokens from the browser flow: the access token is for the API, the id token for the SPA
  oidc.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    const idToken = token.payload.aud === CLIENT_ID;
    Object.assign(token.payload, {
      sub: browserUser.sub,
      name: browserUser.name,
      preferred_username: browserUser.sub,
      exp: Math.floor(Date.now() / 1000) + browserTokenSeconds,
    });
    if (!idToken)
      Object.assign(token.payload, { aud: AUDIENCE, azp: CLIENT_ID, jti: randomUUID(), realm_access: { roles: browserUser.roles } });
  });
  oidc.service.on('beforeResponse', (response: { body: Record<string, unknown> }) => {
    if ('access_token' in response.body) response.body.expires_in = browserTokenSeconds;
  });
  server = new ParleyServer(await freePort(), {
    CHAT_OIDC_ISSUER: issuer,
    CHAT_OIDC_CLIENT_ID: CLIENT_ID,
    CHAT_OIDC_AUDIENCE: AUDIENCE,
    CHAT_OIDC_GROUPS_CLAIM: 'realm_access.roles',
    CHAT_OIDC_ADMIN_GROUPS: 'chat-admins',
    CHAT_OIDC_USER_GROUPS: 'chat-users',
  });
  await server.start();
});

test.afterAll(async () => {
  await server?.stop();
  await oidc.stop();
});

/** every token this suite handed to the server, to check none reached its log */
const issuedTokens: string[] = [];

/** A token from the provider's own keys, shaped by `change`. */
async function token(
  person: Person,
  change: (payload: Record<string, unknown>) => void = () => {},
  options: { kid?: string; expiresIn?: number } = {},
): Promise<string> {
  const built = await oidc.issuer.buildToken({
    kid: options.kid,
    expiresIn: options.expiresIn ?? 600,
    scopesOrTransform: (_header, payload) => {
      // jti: Payara's MP JWT insists on it (Keycloak sends one; see README for Entra ID)
      Object.assign(payload, {
        sub: person.sub,
        name: person.name,
        aud: AUDIENCE,
        jti: randomUUID(),
        realm_access: { roles: person.roles },
      });
      change(payload);
    },
  });
  issuedTokens.push(built);
  return built;
}

const alice: Person = { sub: 'u-alice', name: 'Alice Admin', roles: ['chat-users', 'chat-admins'] };
const bob: Person = { sub: 'u-bob', name: 'Bob Builder', roles: ['chat-users', 'engineering'] };
const carol: Person = { sub: 'u-carol', name: 'Carol Contractor', roles: ['chat-users'] };
const outsider: Person = { sub: 'u-eve', name: 'Eve Outsider', roles: ['some-other-app'] };

async function rest(path: string, bearer?: string, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  return fetch(`${server.url}${path}`, { ...init, headers });
}

/** The names of the rooms GET /api/rooms lists for the bearer; any other answer fails with its body and the server's errors. */
async function roomNames(bearer: string): Promise<string[]> {
  const response = await rest('/api/rooms', bearer);
  const body = await response.text();
  const severe = readFileSync(server.logFile, 'utf8')
    .split('\n')
    .filter((line) => /SEVERE|Exception/.test(line))
    .slice(-20)
    .join('\n');
  expect(response.status, `GET /api/rooms answered ${response.status}: ${body}\nserver log errors:\n${severe}`).toBe(200);
  return (JSON.parse(body) as { name: string }[]).map((room) => room.name);
}

interface SocketOutcome {
  /** the first frame, if the connection was accepted */
  first?: { type: string; [key: string]: unknown };
  /** refused at the handshake with this HTTP status */
  httpStatus?: number;
  /** or closed with this code before any frame */
  closeCode?: number;
  /** neither a frame nor a close within the deadline (see openAccepted) */
  hung?: boolean;
  socket?: WebSocket;
}

const SOCKET_DEADLINE_MS = 10_000;

function openRoom(room: string, bearer: string, origin?: string): Promise<SocketOutcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws/rooms/${room}?access_token=${bearer}`, origin ? { origin } : {});
    const deadline = setTimeout(() => {
      socket.terminate();
      resolve({ hung: true });
    }, SOCKET_DEADLINE_MS);
    const settle = (outcome: SocketOutcome) => {
      clearTimeout(deadline);
      resolve(outcome);
    };
    socket.once('message', (data) => settle({ first: JSON.parse(String(data)), socket }));
    socket.once('unexpected-response', (_request, response) => settle({ httpStatus: response.statusCode }));
    socket.once('close', (code) => settle({ closeCode: code }));
    socket.once('error', () => {});
  });
}

/**
 * A connection that should be accepted. Payara now and then loses a freshly upgraded WebSocket
 * right after another one was closed (Grizzly logs a NullPointerException in its read callback);
 * the app's keep-alive reconnects in that case, and so does this helper, once.
 */
async function openAccepted(room: string, bearer: string, origin?: string): Promise<SocketOutcome> {
  const outcome = await openRoom(room, bearer, origin);
  return outcome.hung ? openRoom(room, bearer, origin) : outcome;
}

function summary(outcome: SocketOutcome): string {
  return JSON.stringify({ first: outcome.first, closeCode: outcome.closeCode, httpStatus: outcome.httpStatus, hung: outcome.hung });
}

/**
 * Refused: the server sent nothing, and closed with 1008 or answered 401/403. Payara Micro 6 now and
 * then drops the TCP connection instead of delivering the 1008 it was told to send during the open
 * (the client then sees 1006), or the close never arrives at all; what matters for security, that
 * no frame of the room was sent, holds in both cases.
 */
function refused(outcome: SocketOutcome): boolean {
  return (
    outcome.first === undefined &&
    (outcome.hung === true ||
      outcome.closeCode === 1008 ||
      outcome.closeCode === 1006 ||
      outcome.httpStatus === 401 ||
      outcome.httpStatus === 403)
  );
}

test('the server runs in OIDC mode: the SPA learns the provider, dev login is gone', async () => {
  expect(await (await rest('/api/auth/config')).json()).toEqual({
    mode: 'oidc',
    issuer,
    clientId: CLIENT_ID,
    scope: 'openid profile email',
  });
  expect((await rest('/api/auth/dev-login', undefined, { method: 'POST', body: '{"name":"Mallory"}' })).status).toBe(404);
});

test('REST: valid tokens pass, roles come from the mapped claim, every bad token is 401', async () => {
  expect((await rest('/api/rooms')).status).toBe(401);
  expect((await rest('/api/rooms', await token(carol))).status).toBe(200);
  expect((await rest('/api/admin/stats', await token(carol))).status).toBe(403);
  expect((await rest('/api/admin/stats', await token(alice))).status).toBe(200);
  expect((await rest('/api/rooms', await token(outsider))).status).toBe(403);

  const valid = await token(carol);
  const forged = valid.slice(0, -6) + (valid.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
  const badTokens = {
    expired: await token(carol, (p) =>
      Object.assign(p, { exp: Math.floor(Date.now() / 1000) - 600, iat: Math.floor(Date.now() / 1000) - 1200 }),
    ),
    forged,
    wrongIssuer: await token(carol, (p) => Object.assign(p, { iss: 'http://evil.example' })),
    wrongAudience: await token(carol, (p) => Object.assign(p, { aud: 'some-other-api' })),
  };
  for (const [kind, bad] of Object.entries(badTokens)) {
    expect((await rest('/api/rooms', bad)).status, kind).toBe(401);
  }
});

test('WebSocket: the handshake verifies the same way and checks the Origin', async () => {
  const ok = await openAccepted('sso-lobby', await token(carol));
  expect(ok.first).toMatchObject({ type: 'welcome', you: { id: 'u-carol', name: 'Carol Contractor' } });
  ok.socket!.close();

  const valid = await token(carol);
  const cases = {
    expired: await token(carol, (p) => Object.assign(p, { exp: Math.floor(Date.now() / 1000) - 600 })),
    forged: valid.slice(0, -6) + (valid.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'),
    wrongIssuer: await token(carol, (p) => Object.assign(p, { iss: 'http://evil.example' })),
    wrongAudience: await token(carol, (p) => Object.assign(p, { aud: 'some-other-api' })),
    noRole: await token(outsider),
  };
  for (const [kind, bad] of Object.entries(cases)) {
    const outcome = await openRoom('sso-lobby', bad);
    expect(refused(outcome), `${kind}: ${summary(outcome)}`).toBe(true);
  }
  expect(refused(await openRoom('sso-lobby', valid, 'http://evil.example')), 'foreign origin').toBe(true);
  const sameOrigin = await openAccepted('sso-lobby', valid, server.url);
  expect(sameOrigin.first?.type).toBe('welcome');
  sameOrigin.socket!.close();
});

test('a key the provider rotates in is accepted without a restart', async () => {
  test.setTimeout(120_000);
  // the server fetched the key set moments ago (the WebSocket test) and refetches at most twice in 5 s
  await new Promise((r) => setTimeout(r, 5_500));
  await oidc.issuer.keys.generate('RS256', { kid: 'rotated-key' });
  const rotated = await token(carol, () => {}, { kid: 'rotated-key' });
  // the key id is unknown to the server's caches: REST and the WebSocket refetch the key set at once
  expect((await rest('/api/rooms', rotated)).status).toBe(200);
  const ws = await openAccepted('sso-lobby', rotated);
  expect(ws.first?.type).toBe('welcome');
  ws.socket!.close();
});

test('rooms restricted to groups: hidden, 403 and 1008 for outsiders; admins and members get in', async () => {
  const admin = await token(alice);
  const member = await token(bob);
  const nonMember = await token(carol);
  const connected = await openAccepted('sso-secret', nonMember);
  expect(connected.first?.type).toBe('welcome');
  const closed = new Promise<number>((resolve) => connected.socket!.once('close', resolve));

  const put = await rest('/api/rooms/sso-secret', admin, { method: 'PUT', body: JSON.stringify({ allowedGroups: ['engineering'] }) });
  expect(put.status).toBe(200);
  expect(await closed).toBe(1008);

  expect((await rest('/api/rooms/sso-secret/messages', nonMember)).status).toBe(403);
  expect(await roomNames(nonMember)).not.toContain('sso-secret');
  expect(refused(await openRoom('sso-secret', nonMember))).toBe(true);

  for (const allowed of [member, admin]) {
    expect((await rest('/api/rooms/sso-secret/messages', allowed)).status).toBe(200);
    expect(await roomNames(allowed)).toContain('sso-secret');
    const inside = await openAccepted('sso-secret', allowed);
    expect(inside.first?.type).toBe('welcome');
    inside.socket!.close();
  }
});

test('a token expiring under an open connection: token_expired, then 1008', async () => {
  const shortLived = await token(carol, () => {}, { expiresIn: 3 });
  const outcome = await openAccepted('sso-lobby', shortLived);
  expect(outcome.first?.type).toBe('welcome');
  const frames: { type: string; code?: string }[] = [];
  outcome.socket!.on('message', (data) => frames.push(JSON.parse(String(data))));
  const code = await new Promise<number>((resolve) => outcome.socket!.once('close', resolve));
  expect(code).toBe(1008);
  expect(frames.filter((f) => f.type === 'error').map((f) => f.code)).toEqual(['token_expired']);
});

test('the browser signs in with the provider (code + PKCE), chats, and renews its token without losing anything', async ({ browser }) => {
  test.setTimeout(120_000);
  browserUser = { sub: 'u-ada', name: 'Ada Lovelace', roles: ['chat-users'] };
  browserTokenSeconds = 20;
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with SSO' }).click();
  await expect(page.getByTestId('whoami')).toHaveText('Ada Lovelace');
  expect(page.url()).not.toContain('code=');

  await page.getByLabel('Join or create a room').fill('sso-browser');
  await page.getByLabel('Join or create a room').press('Enter');
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await page.getByLabel('Message', { exact: true }).fill('signed in through SSO');
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(page.locator('article.message').last()).toHaveClass(/delivery-sent/);

  // outlive the first access token: the server closes with token_expired, the app renews and resumes
  await page.waitForTimeout((browserTokenSeconds + 3) * 1000);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await page.getByLabel('Message', { exact: true }).fill('still here after renewal');
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(page.locator('article.message').last()).toHaveClass(/delivery-sent/);
  await expect(page.locator('article.message .body')).toHaveText(['signed in through SSO', 'still here after renewal']);
  await context.close();
});

test('an administrator by the SSO role mapping (a dotted groups claim) is shown as one; a user is not', async ({ browser }) => {
  for (const [person, admin] of [
    [{ sub: 'u-grace', name: 'Grace Admin', roles: ['chat-users', 'chat-admins'] }, true],
    [{ sub: 'u-linus', name: 'Linus User', roles: ['chat-users'] }, false],
  ] as const) {
    browserUser = { ...person, roles: [...person.roles] };
    browserTokenSeconds = 300;
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    await expect(page.getByTestId('whoami')).toContainText(person.name);
    await expect(page.getByTestId('whoami').locator('.badge', { hasText: 'admin' })).toHaveCount(admin ? 1 : 0);
    await context.close();
  }
});

test('no token ever reaches the server log, not even refused ones', async () => {
  expect(issuedTokens.length).toBeGreaterThan(10);
  const log = readFileSync(server.logFile, 'utf8');
  expect(log).toContain('Sign-in: OpenID Connect');
  for (const issued of issuedTokens) {
    // the signature alone identifies a token; the payload may legitimately be logged by nobody
    const signature = issued.split('.')[2];
    expect(log.includes(signature), 'a token signature in the log').toBe(false);
    expect(log.includes(issued.split('.')[1]), 'a token payload in the log').toBe(false);
  }
});

// Enterprise SSO against Keycloak itself (its server distribution, set up through its admin API):
// the browser signs in on Keycloak's own login page, group membership becomes roles, a signing
// key rotated through the admin API is accepted while sockets stay open, and short-lived tokens
// expire under an open socket and are renewed by the app without losing anything.

import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import WebSocket from 'ws';
import { KeycloakServer, keyIdOf, type RealmUser } from './keycloak';
import { freePort, ParleyServer } from './parleyServer';

const REALM = 'parley';
const CLIENT_ID = 'parley-spa';
const AUDIENCE = 'parley';
/** short enough that the renewal test outlives a token, long enough for the other tests */
const TOKEN_SECONDS = 30;

const ada: RealmUser = { username: 'ada', password: 'ada-pass-1', firstName: 'Ada', lastName: 'Lovelace', groups: ['chat-users'] };
const grace: RealmUser = {
  username: 'grace',
  password: 'grace-pass-1',
  firstName: 'Grace',
  lastName: 'Hopper',
  groups: ['chat-users', 'chat-admins'],
};
const eve: RealmUser = { username: 'eve', password: 'eve-pass-1', firstName: 'Eve', lastName: 'Outsider', groups: ['other-app'] };

let kc: KeycloakServer;
let server: ParleyServer;
const issuedTokens: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(400_000);
  kc = new KeycloakServer(await freePort());
  const parleyPort = await freePort();
  await kc.start();
  await kc.createRealm({
    realm: REALM,
    clientId: CLIENT_ID,
    audience: AUDIENCE,
    groups: ['chat-users', 'chat-admins', 'other-app'],
    users: [ada, grace, eve],
    accessTokenLifespan: TOKEN_SECONDS,
    appOrigin: `http://localhost:${parleyPort}`,
  });
  server = new ParleyServer(parleyPort, {
    CHAT_OIDC_ISSUER: kc.issuer(REALM),
    CHAT_OIDC_CLIENT_ID: CLIENT_ID,
    CHAT_OIDC_AUDIENCE: AUDIENCE,
    CHAT_OIDC_GROUPS_CLAIM: 'groups',
    CHAT_OIDC_ADMIN_GROUPS: 'chat-admins',
    CHAT_OIDC_USER_GROUPS: 'chat-users',
  });
  await server.start();
});

test.afterAll(async () => {
  await server?.stop();
  await kc?.stop();
});

async function tokenOf(user: RealmUser): Promise<string> {
  const token = await kc.userToken(REALM, user);
  issuedTokens.push(token);
  return token;
}

function rest(path: string, bearer: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
}

interface Socket {
  socket: WebSocket;
  frames: { type: string; [key: string]: unknown }[];
  closed: Promise<number>;
  /** resolves with the first frame of this type */
  next(type: string): Promise<{ type: string; [key: string]: unknown }>;
}

const UNANSWERED = 'the handshake was never answered';

/**
 * A socket to a room; resolves with its first frame, or rejects with how it was refused. A
 * handshake the server never answers is tried once more, loudly: Payara Micro 6's Grizzly now and
 * then hands a request object that is being recycled to the next upgrade right after another
 * connection closed (a NullPointerException in `Request.upgrade` in the server log), a server bug
 * (docs/reliability.md) that the suite's Java WebSocket client meets the same way. A second
 * failure fails.
 */
async function connect(room: string, bearer: string): Promise<Socket> {
  try {
    return await connectOnce(room, bearer);
  } catch (error) {
    if (!String(error).includes(UNANSWERED)) throw error;
    console.error(`${UNANSWERED} (Grizzly request-recycling race on Payara Micro 6); trying once more`);
    return connectOnce(room, bearer);
  }
}

function connectOnce(room: string, bearer: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/ws/rooms/${room}?access_token=${bearer}`, {
      origin: server.url,
    });
    const frames: Socket['frames'] = [];
    const waiting: { type: string; done: (frame: Socket['frames'][number]) => void }[] = [];
    const closed = new Promise<number>((done) => socket.once('close', done));
    const deadline = setTimeout(() => {
      const opened = socket.readyState !== WebSocket.CONNECTING;
      socket.terminate();
      reject(new Error(opened ? 'no frame within 10 s' : `${UNANSWERED} within 10 s`));
    }, 10_000);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      frames.push(frame);
      for (const w of waiting.filter((w) => w.type === frame.type)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.done(frame);
      }
      if (frames.length === 1) {
        clearTimeout(deadline);
        resolve({
          socket,
          frames,
          closed,
          next: (type) =>
            new Promise((done) => {
              const seen = frames.find((f) => f.type === type && f !== frames[0]);
              if (seen) done(seen);
              else waiting.push({ type, done });
            }),
        });
      }
    });
    socket.once('unexpected-response', (_request, response) => {
      clearTimeout(deadline);
      reject(new Error(`refused: HTTP ${response.statusCode}`));
    });
    socket.once('close', (code) => {
      clearTimeout(deadline);
      reject(new Error(`refused: close ${code}`));
    });
    socket.once('error', () => {});
  });
}

async function signInOnKeycloak(page: Page, user: RealmUser): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in with SSO' }).click();
  // Keycloak's own login page, on the provider's origin
  await expect(page).toHaveURL(new RegExp(`^${kc.url}/realms/${REALM}/protocol/openid-connect/auth`));
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.locator('#kc-login').click();
  await expect(page.getByTestId('whoami')).toContainText(`${user.firstName} ${user.lastName}`);
  expect(page.url()).not.toContain('code=');
}

test('the server takes its settings from Keycloak: the SPA learns the realm, dev login is gone', async () => {
  const config = await (await fetch(`${server.url}/api/auth/config`)).json();
  expect(config).toMatchObject({ mode: 'oidc', issuer: kc.issuer(REALM), clientId: CLIENT_ID });
  const devLogin = await fetch(`${server.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"name":"Mallory"}',
  });
  expect(devLogin.status).toBe(404);
});

test('Keycloak groups become roles: chat-admins administer, chat-users chat, anyone else is refused', async () => {
  const user = await tokenOf(ada);
  const admin = await tokenOf(grace);
  const outsider = await tokenOf(eve);
  expect((await rest('/api/rooms', user)).status).toBe(200);
  expect((await rest('/api/admin/stats', user)).status).toBe(403);
  expect((await rest('/api/admin/stats', admin)).status).toBe(200);
  expect((await rest('/api/rooms', outsider)).status).toBe(403);
  await expect(connect('kc-lobby', outsider)).rejects.toThrow(/refused/);

  const inside = await connect('kc-lobby', user);
  expect(inside.frames[0]).toMatchObject({ type: 'welcome', you: { name: 'Ada Lovelace' } });
  inside.socket.close();
});

test('a browser signs in on Keycloak login page, chats, and an administrator is shown as one', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const [user, isAdmin] of [
    [ada, false],
    [grace, true],
  ] as const) {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await signInOnKeycloak(page, user);
    await expect(page.getByTestId('whoami').locator('.badge', { hasText: 'admin' })).toHaveCount(isAdmin ? 1 : 0);
    await page.getByLabel('Join or create a room').fill('kc-browser');
    await page.getByLabel('Join or create a room').press('Enter');
    await expect(page.getByTestId('connection-status')).toHaveText('Connected');
    await page.getByLabel('Message', { exact: true }).fill(`hello from ${user.firstName}`);
    await page.getByLabel('Message', { exact: true }).press('Enter');
    await expect(page.locator('article.message').last()).toHaveClass(/delivery-sent/);
    await context.close();
  }
});

test('a signing key rotated through the admin API is accepted at once while open sockets stay', async () => {
  test.setTimeout(90_000);
  const before = await tokenOf(ada);
  const listener = await connect('kc-rotation', before);
  expect(listener.frames[0].type).toBe('welcome');

  const newKid = await kc.rotateSigningKey(REALM);
  const after = await tokenOf(grace);
  expect(keyIdOf(after)).toBe(newKid);
  expect(keyIdOf(after)).not.toBe(keyIdOf(before));

  // the server refetches the key set as soon as it meets the unknown key id
  const speaker = await connect('kc-rotation', after);
  expect(speaker.frames[0].type).toBe('welcome');
  speaker.socket.send(JSON.stringify({ type: 'message', id: crypto.randomUUID(), body: 'signed with the new key' }));
  expect(await listener.next('message')).toMatchObject({ message: { body: 'signed with the new key', user: { name: 'Grace Hopper' } } });

  // REST too: what the server's MP JWT refuses for an unknown key the app's verifier checks again
  expect((await rest('/api/rooms', after)).status).toBe(200);
  expect((await rest('/api/rooms', before)).status, 'tokens of the older key stay valid').toBe(200);
  listener.socket.close();
  speaker.socket.close();
});

test('tokens expire under open sockets (token_expired, 1008) and the browser renews without losing anything', async ({ browser }) => {
  test.setTimeout(180_000);
  const raw = await connect('kc-renewal', await tokenOf(ada));
  const rawClosed = raw.closed;

  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await signInOnKeycloak(page, ada);
  await page.getByLabel('Join or create a room').fill('kc-renewal');
  await page.getByLabel('Join or create a room').press('Enter');
  await expect(page.getByTestId('connection-status')).toHaveText('Connected');
  await page.getByLabel('Message', { exact: true }).fill('before the token ran out');
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(page.locator('article.message').last()).toHaveClass(/delivery-sent/);

  // the raw socket holds a token nobody renews: the server closes it when it expires
  expect(await rawClosed).toBe(1008);
  expect(raw.frames.filter((f) => f.type === 'error').map((f) => f.code)).toEqual(['token_expired']);

  // the app's token has expired too by now; it renewed through Keycloak and carries on
  await page.waitForTimeout(5_000);
  await expect(page.getByTestId('connection-status')).toHaveText('Connected', { timeout: 20_000 });
  await page.getByLabel('Message', { exact: true }).fill('after the token was renewed');
  await page.getByLabel('Message', { exact: true }).press('Enter');
  await expect(page.locator('article.message').last()).toHaveClass(/delivery-sent/);
  await expect(page.locator('article.message .body')).toHaveText(['before the token ran out', 'after the token was renewed']);
  await context.close();
});

test('no Keycloak token ever reaches the server log', async () => {
  expect(issuedTokens.length).toBeGreaterThan(5);
  const log = readFileSync(server.logFile, 'utf8');
  expect(log).toContain('Sign-in: OpenID Connect');
  for (const issued of issuedTokens) {
    expect(log.includes(issued.split('.')[2]), 'a token signature in the log').toBe(false);
  }
});

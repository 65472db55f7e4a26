// Keycloak's own server distribution (unpacked by chat-ear's build from Maven Central into
// KEYCLOAK_HOME), started in dev mode on a free port, and set up through its admin REST API: a
// realm, the SPA's public client (code + PKCE), groups, users, a groups claim and the API audience.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const STARTUP_MS = 180_000;
const ROOT = resolve(process.env.PARLEY_ROOT ?? join(import.meta.dirname, '..', '..'));

export interface RealmUser {
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  groups: string[];
}

export interface RealmSettings {
  realm: string;
  clientId: string;
  audience: string;
  groups: string[];
  users: RealmUser[];
  /** seconds an access token lives */
  accessTokenLifespan: number;
  /** the SPA's origin, for redirects and CORS */
  appOrigin: string;
}

/** Where Keycloak lies, and a Java new enough for it (Keycloak 26 needs 21 or later). */
function installation(): { home: string; javaHome: string } {
  const home = process.env.KEYCLOAK_HOME;
  if (!home || !existsSync(join(home, 'bin', 'kc.sh')))
    throw new Error(
      `KEYCLOAK_HOME (${home ?? 'unset'}) holds no Keycloak: run the browser tests through Maven (chat-ear unpacks it), or set it`,
    );
  const javaHome =
    process.env.KEYCLOAK_JAVA_HOME ??
    readdirSync('/usr/lib/jvm')
      .filter((name) => /-(2[1-9]|[3-9]\d)(\D|$)/.test(name))
      .map((name) => join('/usr/lib/jvm', name))
      .find((dir) => existsSync(join(dir, 'bin', 'java')));
  if (!javaHome) throw new Error('Keycloak needs Java 21 or later: set KEYCLOAK_JAVA_HOME');
  return { home, javaHome };
}

export class KeycloakServer {
  private process: ChildProcess | null = null;
  private adminToken = '';

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logFile(): string {
    return join(ROOT, 'frontend', 'target', `keycloak-${this.port}.log`);
  }

  issuer(realm: string): string {
    return `${this.url}/realms/${realm}`;
  }

  async start(): Promise<void> {
    const { home, javaHome } = installation();
    rmSync(join(home, 'data'), { recursive: true, force: true }); // a fresh realm store every run
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.process = spawn(
      join(home, 'bin', 'kc.sh'),
      ['start-dev', `--http-port=${this.port}`, '--http-host=127.0.0.1', '--cache=local', '--health-enabled=false'],
      {
        detached: true,
        env: {
          ...process.env,
          JAVA_HOME: javaHome,
          JAVA_OPTS_APPEND: '-Xms64m -Xmx512m',
          KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
          KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.process.stdout!.pipe(log);
    this.process.stderr!.pipe(log);
    const deadline = Date.now() + STARTUP_MS;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`Keycloak exited with ${this.process.exitCode}; see ${this.logFile}`);
      try {
        if ((await fetch(`${this.url}/realms/master/.well-known/openid-configuration`)).ok) {
          await this.signInAsAdmin();
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`Keycloak did not answer within ${STARTUP_MS / 1000} s; see ${this.logFile}`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
    this.process = null;
  }

  private async signInAsAdmin(): Promise<void> {
    const answer = await fetch(`${this.url}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' }),
    });
    if (!answer.ok) throw new Error(`admin sign-in: ${answer.status} ${await answer.text()}`);
    this.adminToken = ((await answer.json()) as { access_token: string }).access_token;
  }

  /** A call of the admin REST API; fails on any answer but 2xx. */
  async admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    await this.signInAsAdmin(); // the master realm's admin tokens live one minute
    const answer = await fetch(`${this.url}/admin/realms${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.adminToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
    return (text && answer.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined) as T;
  }

  async createRealm(settings: RealmSettings): Promise<void> {
    const { realm } = settings;
    await this.admin('POST', '', { realm, enabled: true, accessTokenLifespan: settings.accessTokenLifespan });
    // one client scope carries what the API needs: its audience and the user's groups
    await this.admin('POST', `/${realm}/client-scopes`, {
      name: 'parley-api',
      protocol: 'openid-connect',
      attributes: { 'include.in.token.scope': 'false' },
      protocolMappers: [
        {
          name: 'parley audience',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-audience-mapper',
          config: { 'included.custom.audience': settings.audience, 'access.token.claim': 'true', 'id.token.claim': 'false' },
        },
        {
          name: 'groups',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-group-membership-mapper',
          config: { 'claim.name': 'groups', 'full.path': 'false', 'access.token.claim': 'true', 'id.token.claim': 'false' },
        },
      ],
    });
    const spa = {
      clientId: settings.clientId,
      publicClient: true,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      redirectUris: [`${settings.appOrigin}/*`],
      webOrigins: [settings.appOrigin],
      attributes: { 'pkce.code.challenge.method': 'S256', 'post.logout.redirect.uris': `${settings.appOrigin}/*` },
    };
    const [scope] = (await this.admin<{ id: string; name: string }[]>('GET', `/${realm}/client-scopes`)).filter(
      (s) => s.name === 'parley-api',
    );
    // the SPA signs in through the browser only; the tests' own client may use passwords
    for (const client of [spa, { ...spa, clientId: 'parley-test-runner', standardFlowEnabled: false, directAccessGrantsEnabled: true }]) {
      await this.admin('POST', `/${realm}/clients`, client);
      const [created] = await this.admin<{ id: string }[]>('GET', `/${realm}/clients?clientId=${client.clientId}`);
      await this.admin('PUT', `/${realm}/clients/${created.id}/default-client-scopes/${scope.id}`);
    }
    for (const group of settings.groups) await this.admin('POST', `/${realm}/groups`, { name: group });
    const groups = await this.admin<{ id: string; name: string }[]>('GET', `/${realm}/groups`);
    for (const user of settings.users) {
      await this.admin('POST', `/${realm}/users`, {
        username: user.username,
        firstName: user.firstName,
        lastName: user.lastName,
        email: `${user.username}@parley.test`,
        emailVerified: true,
        enabled: true,
        credentials: [{ type: 'password', value: user.password, temporary: false }],
      });
      const [created] = await this.admin<{ id: string }[]>('GET', `/${realm}/users?username=${user.username}&exact=true`);
      for (const name of user.groups) {
        const group = groups.find((g) => g.name === name)!;
        await this.admin('PUT', `/${realm}/users/${created.id}/groups/${group.id}`);
      }
    }
  }

  /** An access token for a user, through the tests' own client (password grant). */
  async userToken(realm: string, user: RealmUser): Promise<string> {
    const answer = await fetch(`${this.issuer(realm)}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'parley-test-runner',
        username: user.username,
        password: user.password,
        scope: 'openid',
      }),
    });
    if (!answer.ok) throw new Error(`token for ${user.username}: ${answer.status} ${await answer.text()}`);
    return ((await answer.json()) as { access_token: string }).access_token;
  }

  /**
   * Rotates the realm's signing key the way an operator would: a new RSA key with a higher
   * priority becomes the active one. Returns its key id.
   */
  async rotateSigningKey(realm: string): Promise<string> {
    const { id: realmId } = await this.admin<{ id: string }>('GET', `/${realm}`);
    await this.admin('POST', `/${realm}/components`, {
      name: `rotated-${Date.now()}`,
      providerId: 'rsa-generated',
      providerType: 'org.keycloak.keys.KeyProvider',
      parentId: realmId,
      config: { priority: ['1000000'], enabled: ['true'], active: ['true'], algorithm: ['RS256'], keySize: ['2048'] },
    });
    const keys = await this.admin<{ keys: { kid: string; algorithm: string; use: string; priority: number; status: string }[] }>(
      'GET',
      `/${realm}/keys`,
    );
    const signing = keys.keys
      .filter((k) => k.algorithm === 'RS256' && k.use === 'SIG' && k.status === 'ACTIVE')
      .sort((a, b) => b.priority - a.priority);
    return signing[0].kid;
  }
}

/** The key id in a JWT's header. */
export function keyIdOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { kid: string }).kid;
}

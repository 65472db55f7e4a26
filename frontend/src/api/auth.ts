// Who is signed in: a dev-login token, or tokens from the company's OpenID Connect provider
// (Authorization Code + PKCE through oidc-client-ts, renewed silently before they expire).
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { User } from '../chat/protocol';
import { api } from './http';

export type AuthConfig = { mode: 'dev' } | OidcConfig;

export interface OidcConfig {
  mode: 'oidc';
  issuer: string;
  clientId: string;
  scope?: string;
}

export interface Session {
  token: string;
  user: User;
  expiresAt: string;
  admin: boolean;
}

const STORAGE_KEY = 'parley.session';

export function claimsOf(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      atob(payload)
        .split('')
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    return JSON.parse(json);
  } catch {
    return {};
  }
}

/**
 * Whether the server counts this token's holder as an admin (`GET /api/auth/me`): roles come from
 * the server's mapping (CHAT_OIDC_ADMIN_GROUPS, dotted group claims), never from guessing claims here.
 */
async function isAdmin(token: string): Promise<boolean> {
  try {
    const response = await fetch('/api/auth/me', { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } });
    if (!response.ok) return false;
    const me = (await response.json()) as { admin?: boolean };
    return me.admin === true;
  } catch {
    return false;
  }
}

export function storedSession(): Session | null {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    return Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

function store(session: Session | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}

export async function authConfig(): Promise<AuthConfig> {
  return api<AuthConfig>('GET', '/api/auth/config');
}

export async function devLogin(name: string, admin: boolean): Promise<Session> {
  const answer = await api<{ token: string; user: User; expiresAt: string }>('POST', '/api/auth/dev-login', {
    name,
    groups: admin ? ['admin'] : undefined,
  });
  const session = { ...answer, admin: await isAdmin(answer.token) };
  store(session);
  return session;
}

let manager: UserManager | null = null;

function oidcManager(config: OidcConfig): UserManager {
  manager ??= new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}/`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: config.scope ?? 'openid profile email',
    automaticSilentRenew: true,
    // renew shortly before expiry; the WebSocket of an expired token is closed and reopened
    accessTokenExpiringNotificationTimeInSeconds: 10,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  return manager;
}

async function sessionFromOidc(user: { access_token: string; expires_at?: number; profile: Record<string, unknown> }): Promise<Session> {
  const claims = claimsOf(user.access_token);
  const name = (user.profile.name ?? user.profile.preferred_username ?? user.profile.sub) as string;
  return {
    token: user.access_token,
    user: { id: String(claims.sub ?? user.profile.sub), name },
    expiresAt: new Date((user.expires_at ?? 0) * 1000).toISOString(),
    admin: await isAdmin(user.access_token),
  };
}

/** Finishes a redirect back from the provider, or picks up a signed-in user; null when signed out. */
export async function oidcSession(config: OidcConfig, renewed: (session: Session) => void): Promise<Session | null> {
  const users = oidcManager(config);
  const params = new URLSearchParams(window.location.search);
  let user = null;
  if (params.has('code') && params.has('state')) {
    user = await users.signinRedirectCallback();
    // back to where the user was before the provider's page, without the code in the address bar
    const hash = typeof user.url_state === 'string' ? user.url_state : '';
    window.history.replaceState({}, document.title, window.location.pathname + hash);
  } else {
    user = await users.getUser();
  }
  users.events.addUserLoaded((u) => void sessionFromOidc(u).then(renewed));
  if (!user || user.expired) return null;
  return sessionFromOidc(user);
}

export async function oidcLogin(config: OidcConfig): Promise<void> {
  await oidcManager(config).signinRedirect({ url_state: window.location.hash });
}

export async function oidcRenew(config: OidcConfig): Promise<Session | null> {
  const user = await oidcManager(config).signinSilent();
  return user ? sessionFromOidc(user) : null;
}

export async function logout(config: AuthConfig | null): Promise<void> {
  store(null);
  if (config?.mode === 'oidc') await oidcManager(config).signoutRedirect();
}

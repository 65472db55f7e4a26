import { useEffect, useState } from 'preact/hooks';
import { type AuthConfig, authConfig, logout, oidcRenew, oidcSession, type Session, storedSession } from '../api/auth';
import { useToken } from '../api/http';
import { LazyAdminPage } from './LazyAdminPage';
import { LazyUsagePage } from './LazyUsagePage';
import { LoginPage } from './LoginPage';
import { RoomPage } from './RoomPage';
import { RoomsPage } from './RoomsPage';
import { searchHref, useRoute } from './router';
import { SearchBox } from './SearchBox';
import { SearchPage } from './SearchPage';

export function App() {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const route = useRoute();

  useEffect(() => {
    (async () => {
      const cfg = await authConfig();
      setConfig(cfg);
      setSession(cfg.mode === 'oidc' ? await oidcSession(cfg, setSession) : storedSession());
    })().catch((e: Error) => setBootError(e.message || 'The server cannot be reached.'));
  }, []);

  useToken(
    () => session?.token ?? null,
    () => {
      // a refused token: SSO users get a silent renewal first, dev users sign in again
      if (config?.mode === 'oidc') oidcRenew(config).then(setSession, () => setSession(null));
      else setSession(null);
    },
  );

  if (bootError)
    return (
      <main class="center-card">
        <p role="alert">Parley could not start: {bootError}</p>
      </main>
    );
  if (!config) return <p class="boot">Loading Parley…</p>;
  if (!session) return <LoginPage config={config} onSignedIn={setSession} />;

  const renewToken = async (): Promise<boolean> => {
    if (config.mode !== 'oidc') {
      const still = storedSession();
      if (!still) setSession(null);
      return still !== null;
    }
    const renewed = await oidcRenew(config).catch(() => null);
    setSession(renewed);
    return renewed !== null;
  };

  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href="#/">
          Parley
        </a>
        <nav aria-label="Main">
          <a href="#/" aria-current={route.page === 'rooms' || route.page === 'room' ? 'page' : undefined}>
            Rooms
          </a>
          <a href="#/usage" aria-current={route.page === 'usage' ? 'page' : undefined}>
            Usage
          </a>
          {session.admin && (
            <a href="#/admin" aria-current={route.page === 'admin' ? 'page' : undefined}>
              Admin
            </a>
          )}
        </nav>
        <SearchBox initial={route.page === 'search' ? route.q : ''} onSearch={(q) => (window.location.hash = searchHref(q))} />
        <span class="whoami" data-testid="whoami">
          {session.user.name}
          {session.admin && <span class="badge">admin</span>}
        </span>
        <button type="button" class="link" onClick={() => logout(config).then(() => setSession(null))}>
          Sign out
        </button>
      </header>
      {route.page === 'rooms' && <RoomsPage />}
      {route.page === 'room' && (
        <RoomPage key={route.room} room={route.room} focusSeq={route.seq} session={session} renewToken={renewToken} />
      )}
      {route.page === 'search' && <SearchPage q={route.q} />}
      {route.page === 'usage' && <LazyUsagePage session={session} />}
      {route.page === 'admin' &&
        (session.admin ? (
          <LazyAdminPage />
        ) : (
          <p role="alert" class="error page">
            The admin page is for administrators.
          </p>
        ))}
    </div>
  );
}

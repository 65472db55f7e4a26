import { useState } from 'preact/hooks';
import { type AuthConfig, devLogin, oidcLogin, type Session } from '../api/auth';
import { ApiError } from '../api/http';

export function LoginPage({ config, onSignedIn }: { config: AuthConfig; onSignedIn: (s: Session) => void }) {
  const [name, setName] = useState('');
  const [admin, setAdmin] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (config.mode === 'oidc') {
    return (
      <main class="center-card">
        <h1>Parley</h1>
        <p>Sign in with your company account to join the conversation.</p>
        <button type="button" class="primary" onClick={() => oidcLogin(config).catch((e: Error) => setError(e.message))}>
          Sign in with SSO
        </button>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </main>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await devLogin(name, admin));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The server cannot be reached.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="center-card">
      <h1>Parley</h1>
      <p>Real-time rooms with an AI in the conversation.</p>
      <form onSubmit={submit} class="stack">
        <label for="login-name">Your name</label>
        <input
          id="login-name"
          name="name"
          // biome-ignore lint/a11y/noAutofocus: the page's only task is this one field
          autoFocus
          required
          maxLength={64}
          autoComplete="nickname"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <label class="check">
          <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.currentTarget.checked)} /> Sign in as an admin
        </label>
        <button class="primary" type="submit" disabled={busy || !name.trim()}>
          Enter
        </button>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
      <p class="hint">Development sign-in: anyone may pick any name. Production uses your company's SSO.</p>
    </main>
  );
}

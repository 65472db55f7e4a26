// The usage page carries the chart library: it is fetched only when someone opens it.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/auth';

type UsagePageType = FunctionComponent<{ session: Session }>;

export function LazyUsagePage({ session }: { session: Session }) {
  const [Page, setPage] = useState<UsagePageType | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./UsagePage').then((m) => setPage(() => m.UsagePage)).catch(() => setFailed(true));
  }, []);
  if (failed)
    return (
      <p role="alert" class="error page">
        The usage page could not be loaded. Reload to try again.
      </p>
    );
  return Page ? <Page session={session} /> : <p class="page">Loading usage…</p>;
}

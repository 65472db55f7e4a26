// The admin page carries the chart library too: it is fetched only when an admin opens it.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function LazyAdminPage() {
  const [Page, setPage] = useState<FunctionComponent | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./AdminPage').then((m) => setPage(() => m.AdminPage)).catch(() => setFailed(true));
  }, []);
  if (failed)
    return (
      <p role="alert" class="error page">
        The admin page could not be loaded. Reload to try again.
      </p>
    );
  return Page ? <Page /> : <p class="page">Loading the admin page…</p>;
}

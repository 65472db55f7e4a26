import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api/http';
import { markedPieces, type SearchHit, searchMessages } from '../api/search';
import { roomHref } from './router';
import { shortTime } from './time';

/** Results of a search, newest first, each a link to the message in its room. */
export function SearchPage({ q }: { q: string }) {
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let alive = true;
    setHits(null);
    setNext(null);
    setError(null);
    if (!q.trim()) return;
    searchMessages(q).then(
      (page) => {
        if (!alive) return;
        setHits(page.messages);
        setNext(page.hasMore ? (page.nextBefore ?? null) : null);
      },
      (e: ApiError) => alive && setError(e.message),
    );
    return () => {
      alive = false;
    };
  }, [q]);

  const more = async () => {
    if (!next || loading) return;
    setLoading(true);
    try {
      const page = await searchMessages(q, next);
      setHits((shown) => [...(shown ?? []), ...page.messages]);
      setNext(page.hasMore ? (page.nextBefore ?? null) : null);
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setLoading(false);
    }
  };

  return (
    <main class="page search-page">
      <h1>Search</h1>
      <p class="hint">
        Messages with every word of <q>{q}</q>, newest first, from the rooms you may enter.
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {hits === null && !error && q.trim() && <p>Searching…</p>}
      {hits !== null && hits.length === 0 && <p class="empty">Nothing found.</p>}
      <ol class="search-results" aria-label="Search results">
        {hits?.map((hit) => (
          <li key={`${hit.room}/${hit.seq}`}>
            <a href={roomHref(hit.room, hit.seq)} class="search-hit">
              <span class="room-meta">
                <span class="room-name">#{hit.room}</span>
                <span class="sender">{hit.user.name}</span>
                <time dateTime={hit.createdAt}>{shortTime(hit.createdAt)}</time>
              </span>
              <span class="body">
                {markedPieces(hit.body, hit.highlights).map((piece, i) => (piece.marked ? <mark key={i}>{piece.text}</mark> : piece.text))}
              </span>
            </a>
          </li>
        ))}
      </ol>
      {next && (
        <button type="button" class="link" onClick={more} disabled={loading}>
          {loading ? 'Loading…' : 'More results'}
        </button>
      )}
    </main>
  );
}

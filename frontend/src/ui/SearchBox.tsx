import { useEffect, useState } from 'preact/hooks';

/** The top bar's search field; submitting opens the results. */
export function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  return (
    <form
      class="search-box"
      aria-label="Search"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) onSearch(q.trim());
      }}
    >
      <input
        type="search"
        aria-label="Search messages"
        placeholder="Search messages"
        value={q}
        maxLength={200}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
    </form>
  );
}

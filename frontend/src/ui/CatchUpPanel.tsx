import type { ComponentChildren } from 'preact';
import type { CatchUp } from '../chat/roomState';

const CITATION = /\[#(\d+)\]/g;

/** A line of the summary as text, its `[#seq]` citations as links to the messages in the room. */
function withLinks(line: string, room: string, cited: Set<number>): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const match of line.matchAll(CITATION)) {
    const seq = Number(match[1]);
    parts.push(line.slice(last, match.index));
    parts.push(
      cited.has(seq) ? (
        <a key={`${match.index}`} href={`#/rooms/${room}/${seq}`} class="citation">
          #{seq}
        </a>
      ) : (
        match[0]
      ),
    );
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(line.slice(last));
  return parts;
}

/** The private catch-up: only you see it; each point links to the messages it draws on. */
export function CatchUpPanel({ room, catchUp, close }: { room: string; catchUp: CatchUp; close: () => void }) {
  // while streaming every citation links (the sources list comes with the end)
  const cited = new Set(catchUp.status === 'streaming' ? [...catchUp.body.matchAll(CITATION)].map((m) => Number(m[1])) : catchUp.sources);
  const lines = catchUp.body.split('\n').filter((line) => line.trim() !== '');
  return (
    <section class="catch-up" aria-label="Catch-up" data-testid="catch-up" aria-busy={catchUp.status === 'streaming'}>
      <header class="row">
        <strong>
          Catch-up: {catchUp.messages} message{catchUp.messages === 1 ? '' : 's'} (#{catchUp.from}–#{catchUp.to})
        </strong>
        <small class="note">only you see this</small>
        <button type="button" class="link" onClick={close} aria-label="Close the catch-up">
          Close
        </button>
      </header>
      {lines.length === 0 && catchUp.status === 'streaming' && <p class="note">Summarising…</p>}
      <ul>
        {lines.map((line, i) => (
          <li key={i}>{withLinks(line.replace(/^\s*[-*•]\s*/, ''), room, cited)}</li>
        ))}
      </ul>
      {catchUp.status === 'failed' && <p class="error">{catchUp.problem ?? 'The catch-up could not be written.'}</p>}
    </section>
  );
}

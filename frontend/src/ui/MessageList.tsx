import { useLayoutEffect, useRef } from 'preact/hooks';
import { groupMessages } from '../chat/grouping';
import { renderMarkdown } from '../chat/markdown';
import type { Entry } from '../chat/roomState';
import { Avatar } from './Avatar';
import { shortTime } from './time';

interface Props {
  entries: Entry[];
  hasOlder: boolean;
  loadOlder: (towards?: number) => Promise<void>;
  retry: (id: string) => void;
  stopReply: () => void;
  /** A message to scroll to and mark (a search result, a link), loading older pages until it is there. */
  focusSeq?: number;
}

const NEAR_EDGE_PX = 120;

export function MessageList({ entries, hasOlder, loadOlder, retry, stopReply, focusSeq }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  const reached = useRef<number | null>(null);

  // keep the view pinned to the newest message unless the reader scrolled up; keep it still when
  // older messages are added above
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after every change of the list, which it does not read
  useLayoutEffect(() => {
    const el = scroller.current!;
    if (heightBeforeOlder.current !== null) {
      el.scrollTop += el.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [entries]);

  useLayoutEffect(() => {
    if (focusSeq === undefined || reached.current === focusSeq) return;
    const target = scroller.current?.querySelector(`[data-seq="${focusSeq}"]`);
    if (target) {
      reached.current = focusSeq;
      stickToBottom.current = false;
      target.scrollIntoView({ block: 'center' });
      return;
    }
    const oldest = entries.find((e) => e.seq !== null)?.seq;
    if (hasOlder && oldest != null && oldest > focusSeq) loadOlder(focusSeq).catch(() => {});
  }, [entries, focusSeq, hasOlder, loadOlder]);

  const onScroll = () => {
    const el = scroller.current!;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_EDGE_PX;
    if (el.scrollTop < NEAR_EDGE_PX && hasOlder && heightBeforeOlder.current === null) {
      heightBeforeOlder.current = el.scrollHeight;
      loadOlder().catch(() => (heightBeforeOlder.current = null));
    }
  };

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to be scrolled
    <div class="messages" ref={scroller} onScroll={onScroll} role="log" aria-live="polite" aria-label="Messages" tabIndex={0}>
      {hasOlder ? (
        <button type="button" class="link older" onClick={() => onScroll()}>
          Load older messages
        </button>
      ) : (
        entries.length > 0 && <p class="beginning">This is the beginning of the room.</p>
      )}
      {entries.length === 0 && <p class="empty">No messages yet. Say hello, or ask @assistant.</p>}
      {groupMessages(entries).map((group) => (
        <section class={`group role-${group.role}`} key={group.key}>
          {group.role !== 'system' && <Avatar user={group.user} role={group.role} />}
          <div class="group-body">
            {group.role !== 'system' && (
              <header>
                <span class="sender">{group.user.name}</span>
                <time dateTime={group.entries[0].createdAt}>{shortTime(group.entries[0].createdAt)}</time>
              </header>
            )}
            {group.entries.map((entry) => (
              <MessageEntry key={entry.id} entry={entry} focused={entry.seq === focusSeq} retry={retry} stopReply={stopReply} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

interface EntryProps {
  entry: Entry;
  focused: boolean;
  retry: (id: string) => void;
  stopReply: () => void;
}

function MessageEntry({ entry, focused, retry, stopReply }: EntryProps) {
  const classes = ['message', `delivery-${entry.delivery}`, `status-${entry.status}`, focused ? 'focused' : ''].join(' ').trim();
  return (
    <article class={classes} data-id={entry.id} data-seq={entry.seq ?? undefined}>
      {entry.role === 'assistant' ? (
        <div class="body markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(entry.body) }} />
      ) : (
        <p class="body">{entry.body}</p>
      )}
      {entry.status === 'streaming' && (
        <div class="streaming">
          <span class="dots" role="img" aria-label="Assistant is replying">
            <i />
            <i />
            <i />
          </span>
          <button type="button" class="stop" onClick={stopReply}>
            Stop
          </button>
        </div>
      )}
      {entry.status === 'stopped' && <small class="note">Stopped</small>}
      {entry.status === 'failed' && <small class="note error">The assistant could not finish this reply.</small>}
      {entry.delivery === 'pending' && <small class="note">Sending…</small>}
      {entry.delivery === 'failed' && (
        <small class="note error" role="alert">
          Not sent: {entry.failure}{' '}
          <button type="button" class="link" onClick={() => retry(entry.id)}>
            Retry
          </button>
        </small>
      )}
    </article>
  );
}

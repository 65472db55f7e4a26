import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { groupMessages } from '../chat/grouping';
import { renderMarkdown } from '../chat/markdown';
import { mentions } from '../chat/mentions';
import type { ReplyQuote } from '../chat/protocol';
import { type Entry, quoteOf } from '../chat/roomState';
import { Avatar } from './Avatar';
import { Reactions } from './Reactions';
import { roomHref } from './router';
import { shortTime } from './time';

interface Props {
  entries: Entry[];
  hasOlder: boolean;
  loadOlder: (towards?: number) => Promise<void>;
  retry: (id: string) => void;
  stopReply: () => void;
  /** A message to scroll to and mark (a search result, a link), loading older pages until it is there. */
  focusSeq?: number;
  /** who may change what: their own messages, and an admin any user's */
  you: string | null;
  admin: boolean;
  edit: (id: string, body: string) => void;
  remove: (id: string) => void;
  react: (id: string, emoji: string) => void;
  reply: (entry: Entry) => void;
  /** the "new messages" divider goes after this seq (the reader's marker when the room opened) */
  readDivider: number | null;
  /** the reader's name, to mark messages that mention them */
  yourName: string | null;
  /** the reader has seen everything up to this seq (the list is scrolled to its end and visible) */
  seen: (seq: number) => void;
}

const NEAR_EDGE_PX = 120;

export function MessageList(props: Props) {
  const { entries, hasOlder, loadOlder, retry, stopReply, focusSeq, you, admin, edit, remove, react, reply } = props;
  const { readDivider, yourName, seen } = props;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const firstUnread = readDivider === null ? undefined : entries.find((e) => e.seq !== null && e.seq > readDivider && e.user.id !== you);
  const openedAtDivider = useRef(false);
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
    } else if (!openedAtDivider.current && firstUnread && focusSeq === undefined) {
      // a room opens at the first unread message, under the divider
      openedAtDivider.current = true;
      stickToBottom.current = false;
      el.querySelector('.new-divider')?.scrollIntoView({ block: 'start' });
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    if (entries.length > 0) openedAtDivider.current = true;
    reportSeen();
  }, [entries]);

  // reading moves the marker: everything is seen when the end of the list is on a visible page
  const reportSeen = () => {
    const el = scroller.current;
    if (!el || document.visibilityState !== 'visible') return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight > NEAR_EDGE_PX) return;
    const last = [...entries].reverse().find((e) => e.seq !== null)?.seq;
    if (last) seen(last);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reportSeen reads the newest entries through the closure of this render
  useEffect(() => {
    document.addEventListener('visibilitychange', reportSeen);
    return () => document.removeEventListener('visibilitychange', reportSeen);
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
    reportSeen();
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
            {group.entries.map((entry) => [
              entry === firstUnread && (
                <div class="new-divider" key="new-divider">
                  New messages
                </div>
              ),
              <MessageEntry
                mentionsYou={Boolean(yourName && entry.user.id !== you && mentions(entry.body, yourName))}
                key={entry.id}
                entry={entry}
                focused={entry.seq === focusSeq}
                retry={retry}
                stopReply={stopReply}
                changes={changeable(entry, you, admin) ? { own: entry.user.id === you, edit, remove } : undefined}
                quoted={entry.replyTo ? (byId.get(entry.replyTo.id) ?? null) : null}
                reply={entry.seq !== null && !entry.deletedAt ? () => reply(entry) : undefined}
                reactions={entry.seq !== null && !entry.deletedAt ? { you, toggle: (emoji: string) => react(entry.id, emoji) } : undefined}
              />,
            ])}
          </div>
        </section>
      ))}
    </div>
  );
}

function changeable(entry: Entry, you: string | null, admin: boolean): boolean {
  return entry.role === 'user' && entry.seq !== null && entry.delivery === 'sent' && !entry.deletedAt && (entry.user.id === you || admin);
}

interface Changes {
  own: boolean;
  edit: (id: string, body: string) => void;
  remove: (id: string) => void;
}

interface EntryProps {
  entry: Entry;
  focused: boolean;
  retry: (id: string) => void;
  stopReply: () => void;
  changes?: Changes;
  reactions?: { you: string | null; toggle: (emoji: string) => void };
  /** the message this one answers, when this tab has it (its current state beats the quote's) */
  quoted: Entry | null;
  reply?: () => void;
  mentionsYou: boolean;
}

function MessageEntry({ entry, focused, retry, stopReply, changes, reactions, quoted, reply, mentionsYou }: EntryProps) {
  const [mode, setMode] = useState<'view' | 'editing' | 'deleting'>('view');
  const [picking, setPicking] = useState(false);
  const [draft, setDraft] = useState(entry.body);
  const classes = [
    'message',
    `delivery-${entry.delivery}`,
    `status-${entry.status}`,
    focused ? 'focused' : '',
    entry.deletedAt ? 'deleted' : '',
    mentionsYou ? 'mentions-me' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const save = () => {
    const body = draft.trim();
    if (body && body !== entry.body && changes) changes.edit(entry.id, body);
    setMode('view');
  };
  return (
    <article class={classes} data-id={entry.id} data-seq={entry.seq ?? undefined}>
      {entry.replyTo && <Quote quote={quoted ? quoteOf(quoted) : entry.replyTo} room={entry.room} />}
      {entry.deletedAt ? (
        <p class="body tombstone">message deleted</p>
      ) : mode === 'editing' ? (
        <form
          class="edit-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <textarea
            aria-label="Edit message"
            value={draft}
            maxLength={4000}
            rows={Math.min(8, draft.split('\n').length + 1)}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setMode('view');
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                save();
              }
            }}
          />
          <button type="submit" class="primary">
            Save
          </button>
          <button type="button" class="link" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : entry.role === 'assistant' ? (
        <div class="body markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(entry.body) }} />
      ) : (
        <p class="body">{entry.body}</p>
      )}
      {entry.editedAt && !entry.deletedAt && (
        <small class="note edited" title={`edited ${new Date(entry.editedAt).toLocaleString()}`}>
          (edited)
        </small>
      )}
      {reactions && <Reactions entry={entry} you={reactions.you} toggle={reactions.toggle} picking={picking} setPicking={setPicking} />}
      {(reply || changes || reactions) && mode === 'view' && (
        <span class="message-actions">
          {reactions && (
            <button type="button" class="link" aria-label="Add a reaction" aria-expanded={picking} onClick={() => setPicking(!picking)}>
              React
            </button>
          )}
          {reply && (
            <button type="button" class="link" onClick={reply}>
              Reply
            </button>
          )}
          {changes?.own && (
            <button
              type="button"
              class="link"
              onClick={() => {
                setDraft(entry.body);
                setMode('editing');
              }}
            >
              Edit
            </button>
          )}
          {changes && (
            <button type="button" class="link" onClick={() => setMode('deleting')}>
              Delete
            </button>
          )}
        </span>
      )}
      {changes && mode === 'deleting' && (
        <span class="message-actions confirm">
          Delete this message?{' '}
          <button
            type="button"
            class="link danger"
            onClick={() => {
              changes.remove(entry.id);
              setMode('view');
            }}
          >
            Yes, delete
          </button>
          <button type="button" class="link" onClick={() => setMode('view')}>
            Keep it
          </button>
        </span>
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

/** The start of the message a reply answers; a link that scrolls to it (loading older pages if needed). */
function Quote({ quote, room }: { quote: ReplyQuote; room: string }) {
  const text = quote.deleted ? 'message deleted' : quote.excerpt;
  const who = quote.user?.name ?? 'someone';
  if (quote.seq === 0) {
    return (
      <p class="reply-quote">
        <span class="sender">{who}</span> <span class="tombstone">{text}</span>
      </p>
    );
  }
  return (
    <a class="reply-quote" href={roomHref(room, quote.seq)} aria-label={`In reply to ${who}: ${text}`}>
      <span class="sender">{who}</span> <span class={quote.deleted ? 'tombstone' : ''}>{text}</span>
    </a>
  );
}

import { useRef, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { hueOf } from '../chat/grouping';
import type { User } from '../chat/protocol';
import { type Entry, streamingReply } from '../chat/roomState';
import { Avatar } from './Avatar';
import { CatchUpPanel } from './CatchUpPanel';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { RoomSettings } from './RoomSettings';
import { StatusBadge } from './StatusBadge';
import { useMentionAlerts } from './useMentionAlerts';
import { useRoom } from './useRoom';

const CURSOR_EVERY_MS = 50;

interface Props {
  room: string;
  focusSeq?: number;
  session: Session;
  renewToken: () => Promise<boolean>;
}

export function RoomPage({ room, focusSeq, session, renewToken }: Props) {
  const tokenRef = useRef(session.token);
  tokenRef.current = session.token;
  const chat = useRoom(room, () => tokenRef.current, renewToken);
  const { state } = chat;
  const lastCursor = useRef(0);
  const reply = streamingReply(state);
  const typers = Object.values(state.typing).map((t) => t.user.name);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [replyingTo, setReplyingTo] = useState<Entry | null>(null);
  const info = state.info;
  const notifications = useMentionAlerts(state.entries, state.you, room);
  const divider = state.readDivider;
  const missed =
    divider === null ? 0 : state.entries.filter((e) => e.seq !== null && e.seq > divider && e.user.id !== state.you?.id).length;

  const onPointerMove = (e: PointerEvent) => {
    const now = Date.now();
    if (now - lastCursor.current < CURSOR_EVERY_MS) return;
    lastCursor.current = now;
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
    const y = Math.min(1, Math.max(0, (e.clientY - box.top) / box.height));
    chat.cursor(Number(x.toFixed(4)), Number(y.toFixed(4)));
  };

  return (
    <main class="room-page">
      <header class="room-header">
        <h1>#{info?.title || room}</h1>
        <StatusBadge status={chat.status} detail={chat.statusDetail} />
        <span class="online-count">{state.presence.length} online</span>
        {notifications.canAsk && (
          <button type="button" class="link" onClick={notifications.ask}>
            Notify me of mentions
          </button>
        )}
        {missed > 0 && divider !== null && state.catchUp?.status !== 'streaming' && (
          <button type="button" class="link" onClick={() => chat.catchUp(divider)} title="A private summary of what you missed">
            Catch up ({missed} new)
          </button>
        )}
        <button type="button" class="link" onClick={() => setSettingsOpen(true)}>
          Settings
        </button>
      </header>
      {state.catchUp && <CatchUpPanel room={room} catchUp={state.catchUp} close={chat.dismissCatchUp} />}
      {settingsOpen && <RoomSettings room={room} onClose={() => setSettingsOpen(false)} />}
      {state.notice && (
        <p class="notice" role="status">
          {state.notice}
        </p>
      )}
      <div class="room-body">
        <div class="conversation" onPointerMove={onPointerMove}>
          <MessageList
            entries={state.entries}
            hasOlder={state.hasOlder}
            loadOlder={chat.loadOlder}
            retry={chat.retry}
            stopReply={chat.stopReply}
            focusSeq={focusSeq}
            you={state.you?.id ?? null}
            admin={session.admin}
            edit={chat.edit}
            remove={chat.remove}
            react={chat.react}
            reply={setReplyingTo}
            readDivider={state.readDivider}
            yourName={state.you?.name ?? null}
            seen={chat.markRead}
          />
          <div class="cursors" aria-hidden="true">
            {Object.values(state.cursors).map((c) => (
              <span
                key={c.user.id}
                class="cursor"
                style={{ left: `${c.x * 100}%`, top: `${c.y * 100}%`, '--hue': String(hueOf(c.user.id)) }}
              >
                <svg width="14" height="18" viewBox="0 0 14 18" aria-hidden="true">
                  <path d="M0 0 L14 11 L8 11 L5 18 Z" />
                </svg>
                <span class="cursor-name">{c.user.name}</span>
              </span>
            ))}
          </div>
        </div>
        <aside class="presence" aria-label="People in this room">
          <h2>In the room</h2>
          <ul>
            {state.presence.map((u) => (
              <li key={u.id}>
                <Avatar user={u} size={24} />
                <span>{u.name}</span>
                {u.id === session.user.id && <small>(you)</small>}
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <p class="typing" aria-live="polite">
        {typers.length === 1 && `${typers[0]} is typing…`}
        {typers.length === 2 && `${typers[0]} and ${typers[1]} are typing…`}
        {typers.length > 2 && `${typers.length} people are typing…`}
        {reply && typers.length === 0 && `${reply.user.id === 'assistant' ? 'Assistant' : `@${reply.user.name}`} is replying…`}
      </p>
      <Composer
        send={(body) => {
          chat.send(body, replyingTo ?? undefined);
          setReplyingTo(null);
        }}
        typing={chat.typing}
        disabled={chat.status === 'refused'}
        replyingTo={replyingTo}
        members={memberNames(state.presence, state.entries, state.you?.id, info?.participants?.map((p) => p.name) ?? [])}
        cancelReply={() => setReplyingTo(null)}
      />
    </main>
  );
}

/** Who `@` suggests: everyone present, then recent authors, then the assistant and the room's AI participants; never yourself. */
function memberNames(presence: User[], entries: Entry[], you: string | undefined, participants: string[]): string[] {
  const names = new Map<string, string>();
  const add = (user: User) => {
    if (user.id !== you && user.id !== 'assistant' && user.id !== '' && !names.has(user.id)) names.set(user.id, user.name);
  };
  presence.forEach(add);
  for (let i = entries.length - 1; i >= 0 && names.size < 50; i--) if (entries[i].role === 'user') add(entries[i].user);
  return [...names.values(), 'assistant', ...participants];
}

// Binds a room's state to its connection for a Preact component.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, socketUrl } from '../api/http';
import type { ChatMessage, ClientFrame, RoomInfo } from '../chat/protocol';
import { type ConnectionStatus, RoomConnection } from '../chat/roomConnection';
import {
  addPending,
  dismissCatchUp,
  dropExpired,
  type Entry,
  emptyRoom,
  markRetrying,
  prependOlder,
  quoteOf,
  type RoomState,
  reduce,
  resumeFrom,
  unacknowledged,
} from '../chat/roomState';

export interface RoomHandle {
  state: RoomState;
  status: ConnectionStatus;
  statusDetail?: string;
  send: (body: string, replyTo?: Entry) => void;
  edit: (id: string, body: string) => void;
  remove: (id: string) => void;
  react: (id: string, emoji: string) => void;
  /** Tells the server the user has read up to `seq`, if that moves their marker. */
  markRead: (seq: number) => void;
  retry: (id: string) => void;
  stopReply: () => void;
  /** Asks for a private summary of the messages after `since` (default: the read marker). */
  catchUp: (since?: number) => void;
  dismissCatchUp: () => void;
  typing: (typing: boolean) => void;
  cursor: (x: number, y: number) => void;
  /** Loads the page before the oldest loaded message; with `towards`, pages big enough to reach that seq sooner. */
  loadOlder: (towards?: number) => Promise<void>;
}

function messageFrame(entry: Entry): ClientFrame {
  return entry.replyTo
    ? { type: 'message', id: entry.id, body: entry.body, replyTo: entry.replyTo.id }
    : { type: 'message', id: entry.id, body: entry.body };
}

export function useRoom(room: string, token: () => string, renewToken: () => Promise<boolean>): RoomHandle {
  const [state, setState] = useState<RoomState>(() => emptyRoom(room));
  const [status, setStatus] = useState<{ status: ConnectionStatus; detail?: string }>({ status: 'connecting' });
  const latest = useRef(state);
  const connection = useRef<RoomConnection | null>(null);
  const loadingOlder = useRef(false);
  const sentRead = useRef(0);

  const update = useCallback((change: (s: RoomState) => RoomState) => {
    latest.current = change(latest.current);
    setState(latest.current);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one connection per room; token and renewToken are called when needed, so their newest versions are used without reconnecting
  useEffect(() => {
    latest.current = emptyRoom(room);
    setState(latest.current);
    const conn = new RoomConnection({
      url: (since) =>
        socketUrl(
          `/ws/rooms/${room}`,
          since === null ? { access_token: token() } : { access_token: token(), since: String(since), rev: String(latest.current.rev) },
        ),
      since: () => resumeFrom(latest.current),
      onStatus: (s, detail) => setStatus({ status: s, detail }),
      renewToken,
      whyRefused: () => whyRefused(room, token()),
      onFrame: (frame) => {
        update((s) => reduce(s, frame, Date.now()));
        if (frame.type === 'welcome') {
          sentRead.current = 0;
          // settings (title, AI participants) may have changed while the connection was down
          api<RoomInfo>('GET', `/api/rooms/${room}`).then(
            (info) => update((s) => ({ ...s, info })),
            () => {},
          );
        }
        if (frame.type === 'changes' && latest.current.resumeAgain) conn.reconnectNow();
        if (frame.type === 'history') {
          if (latest.current.resumeAgain) {
            conn.reconnectNow();
            return;
          }
          // messages typed while disconnected, or not acked before the drop: same ids, so a
          // message the server already stored is acked again and not stored twice
          for (const entry of unacknowledged(latest.current)) conn.send(messageFrame(entry));
        }
      },
    });
    connection.current = conn;
    conn.start();
    const sweeper = setInterval(() => update((s) => dropExpired(s, Date.now())), 1000);
    return () => {
      clearInterval(sweeper);
      conn.stop();
      connection.current = null;
    };
  }, [room]);

  const send = useCallback(
    (body: string, replyTo?: Entry) => {
      const id = crypto.randomUUID();
      update((s) => addPending(s, id, body, new Date(), replyTo ? quoteOf(replyTo) : undefined));
      connection.current?.send({ type: 'message', id, body, replyTo: replyTo?.id });
    },
    [update],
  );

  const retry = useCallback(
    (id: string) => {
      update((s) => markRetrying(s, id));
      const entry = latest.current.entries.find((e) => e.id === id);
      if (entry) connection.current?.send(messageFrame(entry));
    },
    [update],
  );

  const loadOlder = useCallback(
    async (towards?: number) => {
      const s = latest.current;
      const first = s.entries.find((e) => e.seq !== null);
      if (!s.hasOlder || !first?.seq || loadingOlder.current) return;
      const limit = towards === undefined ? 50 : Math.min(200, Math.max(50, first.seq - towards + 10));
      loadingOlder.current = true;
      try {
        const page = await api<{ messages: ChatMessage[]; hasMore: boolean }>(
          'GET',
          `/api/rooms/${room}/messages?before=${first.seq}&limit=${limit}`,
        );
        update((current) => prependOlder(current, page.messages, page.hasMore));
      } finally {
        loadingOlder.current = false;
      }
    },
    [room, update],
  );

  return {
    state,
    status: status.status,
    statusDetail: status.detail,
    send,
    edit: (id, body) => connection.current?.send({ type: 'edit', id, body }),
    remove: (id) => connection.current?.send({ type: 'delete', id }),
    react: (id, emoji) => connection.current?.send({ type: 'react', id, emoji }),
    markRead: (seq) => {
      const marker = latest.current.lastRead ?? -1;
      if (seq > marker && seq > sentRead.current) {
        sentRead.current = seq;
        connection.current?.send({ type: 'read', seq });
      }
    },
    retry,
    stopReply: () => connection.current?.send({ type: 'stop' }),
    catchUp: (since) => connection.current?.send(since === undefined ? { type: 'catchup' } : { type: 'catchup', since }),
    dismissCatchUp: () => update(dismissCatchUp),
    typing: (typing) => connection.current?.send({ type: 'typing', typing }),
    cursor: (x, y) => connection.current?.send({ type: 'cursor', x, y }),
    loadOlder,
  };
}

/** What the server says of this room and token over HTTP, after a handshake that failed (see RoomConnection). */
async function whyRefused(room: string, token: string): Promise<'token' | string | null> {
  const response = await fetch(`/api/rooms/${room}`, { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } });
  if (response.status === 401) return 'token';
  if (response.status === 403 || response.status === 400) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    return body.message ?? 'The server refused this connection.';
  }
  return null;
}

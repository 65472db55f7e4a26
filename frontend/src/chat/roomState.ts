// What one room looks like to this browser: a pure reducer over server frames and local actions.
// Confirmed messages are ordered by seq; messages this tab sent but the server has not acked yet
// follow them in the order they were typed.
import type { ChatMessage, ReplyQuote, RoomInfo, ServerFrame, User } from './protocol';

export type Delivery = 'sent' | 'pending' | 'failed';

export interface Entry extends Omit<ChatMessage, 'seq'> {
  /** null until the server has stored it */
  seq: number | null;
  delivery: Delivery;
  /** why a send failed, shown beside the retry button */
  failure?: string;
  /** the last delta index applied to a streaming reply, to drop repeats */
  deltaIndex?: number;
  /** its seq came from our own ack, not from the server's stream of the room */
  ackedOnly?: boolean;
}

export interface Cursor {
  user: User;
  x: number;
  y: number;
  at: number;
}

/** A private catch-up as it streams in: only this user's connections receive it. */
export interface CatchUp {
  id: string;
  from: number;
  to: number;
  messages: number;
  body: string;
  status: 'streaming' | 'complete' | 'failed';
  sources: number[];
  problem?: string;
}

export interface RoomState {
  room: string;
  you: User | null;
  info: RoomInfo | null;
  entries: Entry[];
  presence: User[];
  typing: Record<string, { user: User; until: number }>;
  cursors: Record<string, Cursor>;
  /** older messages exist before the first one loaded */
  hasOlder: boolean;
  /** a resume returned its 1000-message maximum: resume again from the new lastSeq */
  resumeAgain: boolean;
  /** the room's change counter as far as this tab has applied it: resume with it as `rev` */
  rev: number;
  /** the user's read marker on the server (every device's), null if they never read the room */
  lastRead: number | null;
  /** where the "new messages" divider stands: the marker when the room was opened */
  readDivider: number | null;
  /** the latest catch-up asked for in this room, until dismissed */
  catchUp: CatchUp | null;
  notice: string | null;
}

export const TYPING_SHOWN_MS = 6000;

export function emptyRoom(room: string): RoomState {
  return {
    room,
    you: null,
    info: null,
    entries: [],
    presence: [],
    typing: {},
    cursors: {},
    hasOlder: false,
    resumeAgain: false,
    rev: 0,
    lastRead: null,
    readDivider: null,
    catchUp: null,
    notice: null,
  };
}

function fromServer(message: ChatMessage): Entry {
  return { ...message, delivery: 'sent' };
}

function order(entries: Entry[]): Entry[] {
  const confirmed = entries.filter((e) => e.seq !== null).sort((a, b) => a.seq! - b.seq!);
  const unconfirmed = entries.filter((e) => e.seq === null);
  return [...confirmed, ...unconfirmed];
}

/** Server copies replace local ones with the same id; nothing is listed twice. */
function upsert(entries: Entry[], messages: ChatMessage[]): Entry[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const message of messages) {
    byId.set(message.id, fromServer(message));
  }
  return order([...byId.values()]);
}

function replace(state: RoomState, id: string, change: (entry: Entry) => Entry): RoomState {
  let found = false;
  const entries = state.entries.map((e) => {
    if (e.id !== id) return e;
    found = true;
    return change(e);
  });
  return found ? { ...state, entries } : state;
}

/** An edit or deletion of a message this tab has; one it has not loaded comes in its current state when it is. */
function applyChange(state: RoomState, message: ChatMessage): RoomState {
  return replace(state, message.id, (e) => ({
    ...e,
    body: message.body,
    editedAt: message.editedAt,
    deletedAt: message.deletedAt,
    reactions: message.reactions,
    replyTo: message.replyTo,
  }));
}

function withoutUser<T>(record: Record<string, T>, userId: string): Record<string, T> {
  if (!(userId in record)) return record;
  const copy = { ...record };
  delete copy[userId];
  return copy;
}

/** The highest seq this tab has seen. */
export function lastSeq(state: RoomState): number {
  let max = 0;
  for (const e of state.entries) {
    if (e.seq !== null && e.seq > max) max = e.seq;
  }
  return max;
}

/**
 * The `since` to reconnect with, or null for a fresh start (nothing loaded yet). The room's
 * stream comes in seq order, but our own ack may overtake another's message stored just before
 * ours (on another node): an acked seq counts only where every seq below it down to the stream's
 * is known, so the resume fills the gap (our own copy comes back once and replaces itself by id).
 * A reply that was streaming when the connection dropped may have finished meanwhile; resuming
 * from just before it fetches its final state.
 */
export function resumeFrom(state: RoomState): number | null {
  if (!state.entries.some((e) => e.seq !== null)) return null;
  let since = 0;
  const acked = new Set<number>();
  for (const e of state.entries) {
    if (e.seq === null) continue;
    if (e.ackedOnly) acked.add(e.seq);
    else if (e.seq > since) since = e.seq;
  }
  while (acked.has(since + 1)) since++;
  for (const e of state.entries) {
    if (e.status === 'streaming' && e.seq !== null) since = Math.min(since, e.seq - 1);
  }
  return since;
}

/** Messages typed here that the server has not acknowledged: re-sent with their ids on reconnect. */
export function unacknowledged(state: RoomState): Entry[] {
  return state.entries.filter((e) => e.delivery === 'pending');
}

export function streamingReply(state: RoomState): Entry | undefined {
  return state.entries.find((e) => e.role === 'assistant' && e.status === 'streaming');
}

/**
 * Who "you" are before the welcome says it: a message typed that early is listed at once under
 * this placeholder and takes the real user when the welcome comes.
 */
export const NOT_YET_WELCOMED: User = { id: '', name: 'You' };

/** How a reply quotes a message this tab has. */
export function quoteOf(entry: Entry): ReplyQuote {
  const chars = [...entry.body];
  return {
    id: entry.id,
    seq: entry.seq ?? 0,
    user: entry.user,
    excerpt: chars.length > 140 ? `${chars.slice(0, 140).join('')}…` : entry.body,
    deleted: Boolean(entry.deletedAt),
  };
}

export function addPending(state: RoomState, id: string, body: string, now: Date, replyTo?: ReplyQuote): RoomState {
  const entry: Entry = {
    id,
    seq: null,
    room: state.room,
    user: state.you ?? NOT_YET_WELCOMED,
    role: 'user',
    body,
    status: 'complete',
    createdAt: now.toISOString(),
    delivery: 'pending',
    replyTo,
  };
  return { ...state, entries: [...state.entries, entry] };
}

export function markFailed(state: RoomState, id: string, failure: string): RoomState {
  return replace(state, id, (e) => (e.delivery === 'pending' ? { ...e, delivery: 'failed', failure } : e));
}

export function markRetrying(state: RoomState, id: string): RoomState {
  return replace(state, id, (e) => (e.delivery === 'failed' ? { ...e, delivery: 'pending', failure: undefined } : e));
}

export function dismissCatchUp(state: RoomState): RoomState {
  return state.catchUp ? { ...state, catchUp: null } : state;
}

export function prependOlder(state: RoomState, messages: ChatMessage[], hasMore: boolean): RoomState {
  return { ...state, entries: upsert(state.entries, messages), hasOlder: hasMore };
}

export function dropExpired(state: RoomState, now: number): RoomState {
  const typing = Object.fromEntries(Object.entries(state.typing).filter(([, t]) => t.until > now));
  const cursors = Object.fromEntries(Object.entries(state.cursors).filter(([, c]) => now - c.at < 15000));
  const unchanged =
    Object.keys(typing).length === Object.keys(state.typing).length && Object.keys(cursors).length === Object.keys(state.cursors).length;
  return unchanged ? state : { ...state, typing, cursors };
}

export function reduce(state: RoomState, frame: ServerFrame, now: number): RoomState {
  switch (frame.type) {
    case 'welcome': {
      // pending and failed messages stay until acked or given up: only their author is settled here
      const entries = state.entries.map((e) => (e.seq === null && e.user.id === NOT_YET_WELCOMED.id ? { ...e, user: frame.you } : e));
      // a fresh start reads the current state, so it starts at the room's counter; a resume
      // learns what it missed from the changes frame and takes the counter from there
      const rev = resumeFrom(state) === null ? Math.max(state.rev, frame.lastRev ?? 0) : state.rev;
      const lastRead = Math.max(state.lastRead ?? 0, frame.lastRead ?? 0);
      const known = state.lastRead !== null || frame.lastRead !== undefined;
      return {
        ...state,
        you: frame.you,
        entries,
        presence: frame.presence,
        typing: {},
        cursors: {},
        notice: null,
        rev,
        lastRead: known ? lastRead : null,
        // the divider is placed once, when the room opens, and stays while it is open
        readDivider: resumeFrom(state) === null && frame.lastRead !== undefined ? frame.lastRead : state.readDivider,
      };
    }
    case 'history': {
      const fresh = resumeFrom(state) === null;
      return {
        ...state,
        entries: upsert(state.entries, frame.messages),
        hasOlder: fresh ? frame.hasMore : state.hasOlder,
        resumeAgain: !fresh && frame.hasMore,
      };
    }
    case 'message':
      return { ...state, entries: upsert(state.entries, [frame.message]), typing: withoutUser(state.typing, frame.message.user.id) };
    case 'complete':
      return { ...state, entries: upsert(state.entries, [frame.message]) };
    case 'ack': {
      const acked = replace(state, frame.id, (e) => ({ ...e, seq: frame.seq, delivery: 'sent', failure: undefined, ackedOnly: true }));
      return { ...acked, entries: order(acked.entries) };
    }
    case 'delta':
      return replace(state, frame.messageId, (e) => {
        if (e.status !== 'streaming') return e;
        if (frame.index !== undefined && e.deltaIndex !== undefined && frame.index <= e.deltaIndex) return e;
        return { ...e, body: e.body + frame.text, deltaIndex: frame.index ?? e.deltaIndex };
      });
    case 'update':
      return { ...applyChange(state, frame.message), rev: Math.max(state.rev, frame.rev) };
    case 'changes': {
      const changed = frame.messages.reduce(applyChange, state);
      return { ...changed, rev: Math.max(state.rev, frame.lastRev), resumeAgain: changed.resumeAgain || frame.hasMore };
    }
    case 'read':
      return { ...state, lastRead: Math.max(state.lastRead ?? 0, frame.seq) };
    case 'deleted':
      return { ...state, entries: state.entries.filter((e) => e.id !== frame.id) };
    case 'typing':
      if (state.you && frame.user.id === state.you.id) return state;
      return {
        ...state,
        typing: frame.typing
          ? { ...state.typing, [frame.user.id]: { user: frame.user, until: now + TYPING_SHOWN_MS } }
          : withoutUser(state.typing, frame.user.id),
      };
    case 'cursor':
      if (state.you && frame.user.id === state.you.id) return state;
      return { ...state, cursors: { ...state.cursors, [frame.user.id]: { user: frame.user, x: frame.x, y: frame.y, at: now } } };
    case 'join':
      if (state.presence.some((u) => u.id === frame.user.id)) return state;
      return { ...state, presence: [...state.presence, frame.user] };
    case 'leave':
      return {
        ...state,
        presence: state.presence.filter((u) => u.id !== frame.user.id),
        typing: withoutUser(state.typing, frame.user.id),
        cursors: withoutUser(state.cursors, frame.user.id),
      };
    case 'room':
      return { ...state, info: frame.room };
    case 'summary':
      return {
        ...state,
        catchUp: { id: frame.id, from: frame.from, to: frame.to, messages: frame.messages, body: '', status: 'streaming', sources: [] },
      };
    case 'summaryDelta':
      if (state.catchUp?.id !== frame.id || state.catchUp.status !== 'streaming') return state;
      return { ...state, catchUp: { ...state.catchUp, body: state.catchUp.body + frame.text } };
    case 'summaryEnd':
      if (state.catchUp?.id !== frame.id) return state;
      return {
        ...state,
        catchUp: { ...state.catchUp, body: frame.body, status: frame.status, sources: frame.sources, problem: frame.problem },
      };
    case 'error': {
      const pending = frame.id ? state.entries.find((e) => e.id === frame.id && e.delivery === 'pending') : undefined;
      if (pending) return markFailed(state, pending.id, frame.message);
      return { ...state, notice: frame.message };
    }
    case 'pong':
      return state;
  }
}

// The WebSocket frames of docs/protocol.md, as the browser sees them.

export interface User {
  id: string;
  name: string;
}

export type Role = 'user' | 'assistant' | 'system';
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'failed';

export interface ChatMessage {
  id: string;
  seq: number;
  room: string;
  user: User;
  role: Role;
  body: string;
  status: MessageStatus;
  createdAt: string;
  /** when its author last changed the body */
  editedAt?: string;
  /** a tombstone: the body is empty */
  deletedAt?: string;
  /** each emoji with who reacted, in the order they did */
  reactions?: Reaction[];
  /** the message this one answers, as it is now */
  replyTo?: ReplyQuote;
}

export interface ReplyQuote {
  id: string;
  /** 0 when an administrator removed the original */
  seq: number;
  user?: User;
  excerpt: string;
  deleted: boolean;
}

export interface Reaction {
  emoji: string;
  users: User[];
}

/** A named AI participant of a room besides the assistant, mentioned as `@name`. */
export interface Participant {
  name: string;
  provider: string;
  model: string;
  persona?: string;
}

/** A provider the server offers AI participants (GET /api/assistant/providers); the first model is its default. */
export interface Provider {
  name: string;
  models: string[];
}

export interface RoomInfo {
  name: string;
  title?: string;
  assistant?: 'mention' | 'always' | 'off';
  persona?: string;
  allowedGroups?: string[];
  participants?: Participant[];
}

export type ServerFrame =
  | { type: 'welcome'; you: User; room: string; presence: User[]; lastSeq: number; lastRev?: number; lastRead?: number }
  | { type: 'read'; seq: number }
  | { type: 'history'; messages: ChatMessage[]; hasMore: boolean }
  | { type: 'message'; message: ChatMessage }
  | { type: 'ack'; id: string; seq: number }
  | { type: 'delta'; messageId: string; text: string; index?: number }
  | { type: 'complete'; message: ChatMessage }
  | { type: 'typing'; user: User; typing: boolean }
  | { type: 'cursor'; user: User; x: number; y: number }
  | { type: 'join'; user: User }
  | { type: 'leave'; user: User }
  | { type: 'deleted'; id: string }
  | { type: 'update'; message: ChatMessage; rev: number }
  | { type: 'changes'; messages: ChatMessage[]; hasMore: boolean; lastRev: number }
  | { type: 'room'; room: RoomInfo }
  | { type: 'summary'; id: string; room: string; from: number; to: number; messages: number }
  | { type: 'summaryDelta'; id: string; text: string; index: number }
  | { type: 'summaryEnd'; id: string; status: 'complete' | 'failed'; body: string; sources: number[]; problem?: string }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string; id?: string };

export type ClientFrame =
  | { type: 'message'; id: string; body: string; replyTo?: string }
  | { type: 'typing'; typing: boolean }
  | { type: 'cursor'; x: number; y: number }
  | { type: 'ping' }
  | { type: 'stop' }
  | { type: 'edit'; id: string; body: string }
  | { type: 'delete'; id: string }
  | { type: 'react'; id: string; emoji: string }
  | { type: 'read'; seq: number }
  | { type: 'catchup'; since?: number };

export const ASSISTANT_MENTION = /@assistant\b/i;

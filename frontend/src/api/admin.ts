// The admin REST API (role admin): figures, rooms to moderate, who is online, the audit trail.
import { api } from './http';

export interface Sample {
  at: string;
  connections: number;
  messagesPerSecond: number;
  deliveriesPerSecond: number;
  p99DeliveryMs: number;
}

export interface TokenMinute {
  minute: string;
  model: string;
  room: string;
  tokens: number;
}

export interface Dashboard {
  at: string;
  connections: number;
  activeRooms: number;
  messagesPerSecond: number;
  p99DeliveryMs: number;
  messagesStored: number;
  slowClientCloses: number;
  rateLimitedFrames: number;
  errors: Record<string, number>;
  assistantPaused: boolean;
  samples: Sample[];
  tokensPerMinute: TokenMinute[];
}

export interface Removal {
  userId: string;
  userName?: string | null;
  until: string;
  reason?: string | null;
  by: string;
}

export interface ModeratedRoom {
  name: string;
  title: string;
  assistant: string;
  lastSeq: number;
  lastActivityAt?: string | null;
  online: number;
  closedAt?: string | null;
  closedReason?: string | null;
  removals: Removal[];
}

export interface OnlineUser {
  id: string;
  name: string;
  rooms: { room: string; connections: number }[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: string; name: string };
  action: string;
  room?: string | null;
  target?: string | null;
  detail?: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  hasMore: boolean;
}

export interface Member {
  id: string;
  name: string;
  connections: number;
}

export interface StoredMessage {
  id: string;
  seq: number;
  body: string;
  user: { id: string; name: string };
}

const room = (name: string) => `/api/admin/rooms/${encodeURIComponent(name)}`;

export const admin = {
  dashboard: () => api<Dashboard>('GET', '/api/admin/dashboard'),
  rooms: (q: string) => api<ModeratedRoom[]>('GET', `/api/admin/rooms?q=${encodeURIComponent(q)}`),
  users: () => api<OnlineUser[]>('GET', '/api/admin/users'),
  audit: (before?: number) => api<AuditPage>('GET', `/api/admin/audit${before ? `?before=${before}` : ''}`),
  members: (name: string) => api<{ users: Member[] }>('GET', `/api/rooms/${encodeURIComponent(name)}/presence`).then((p) => p.users),
  latest: (name: string) =>
    api<{ messages: StoredMessage[] }>('GET', `/api/rooms/${encodeURIComponent(name)}/messages?limit=20`).then((p) => p.messages),
  close: (name: string, reason: string) => api<void>('PUT', `${room(name)}/closure`, { reason }),
  reopen: (name: string) => api<void>('DELETE', `${room(name)}/closure`),
  remove: (name: string, user: Member, minutes: number, reason: string) =>
    api<void>('PUT', `${room(name)}/removals/${encodeURIComponent(user.id)}`, {
      seconds: Math.max(1, Math.round(minutes * 60)),
      reason,
      userName: user.name,
    }),
  readmit: (name: string, userId: string) => api<void>('DELETE', `${room(name)}/removals/${encodeURIComponent(userId)}`),
  silence: (name: string) => api<unknown>('POST', `${room(name)}/assistant/silence`),
  deleteMessage: (name: string, id: string) => api<void>('DELETE', `${room(name)}/messages/${encodeURIComponent(id)}`),
  disconnect: (userId: string) => api<void>('POST', `/api/admin/users/${encodeURIComponent(userId)}/disconnect`),
  pause: (paused: boolean) => api<unknown>('PUT', '/api/admin/assistant/paused', { paused }),
};

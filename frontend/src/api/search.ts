// GET /api/search: messages of the rooms the caller may enter, newest first, with the matched ranges.
import type { ChatMessage } from '../chat/protocol';
import { api } from './http';

export interface SearchHit extends ChatMessage {
  /** [start, end) ranges of `body` that matched, in JavaScript string indices. */
  highlights: [number, number][];
}

export interface SearchPage {
  messages: SearchHit[];
  hasMore: boolean;
  nextBefore?: string | null;
}

export function searchMessages(q: string, before?: string | null, room?: string): Promise<SearchPage> {
  const params = new URLSearchParams({ q, limit: '20' });
  if (before) params.set('before', before);
  if (room) params.set('room', room);
  return api<SearchPage>('GET', `/api/search?${params}`);
}

/** The body cut into plain and matched pieces, for rendering as text (never as markup). */
export function markedPieces(body: string, highlights: [number, number][]): { text: string; marked: boolean }[] {
  const pieces: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at || end > body.length || start >= end) continue;
    if (start > at) pieces.push({ text: body.slice(at, start), marked: false });
    pieces.push({ text: body.slice(start, end), marked: true });
    at = end;
  }
  if (at < body.length) pieces.push({ text: body.slice(at), marked: false });
  return pieces;
}

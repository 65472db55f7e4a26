// Consecutive messages from one sender read as one block, as in every chat app.
import type { Entry } from './roomState';

export interface MessageGroup {
  key: string;
  user: Entry['user'];
  role: Entry['role'];
  entries: Entry[];
}

export const GROUP_GAP_MS = 5 * 60 * 1000;

export function groupMessages(entries: Entry[], gapMs = GROUP_GAP_MS): MessageGroup[] {
  const groups: MessageGroup[] = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1];
    const previous = last?.entries[last.entries.length - 1];
    const continues =
      last !== undefined &&
      entry.role !== 'system' &&
      last.role === entry.role &&
      last.user.id === entry.user.id &&
      Date.parse(entry.createdAt) - Date.parse(previous!.createdAt) < gapMs;
    if (continues) {
      last.entries.push(entry);
    } else {
      groups.push({ key: entry.id, user: entry.user, role: entry.role, entries: [entry] });
    }
  }
  return groups;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]].map((w) => [...w][0]) : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

/** A stable hue per user id, so a person keeps their colour across rooms and reloads. */
export function hueOf(id: string): number {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return hash % 360;
}

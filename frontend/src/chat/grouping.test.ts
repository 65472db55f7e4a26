import { describe, expect, it } from 'vitest';
import { groupMessages, hueOf, initials } from './grouping';
import type { Entry } from './roomState';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString();

function entry(id: string, user: string, minute: number, role: Entry['role'] = 'user'): Entry {
  return {
    id,
    seq: null,
    room: 'r',
    user: { id: user, name: user },
    role,
    body: id,
    status: 'complete',
    createdAt: at(minute),
    delivery: 'sent',
  };
}

describe('grouping', () => {
  it('groups consecutive messages of one sender', () => {
    const groups = groupMessages([entry('1', 'a', 0), entry('2', 'a', 1), entry('3', 'b', 1), entry('4', 'a', 2)]);
    expect(groups.map((g) => g.entries.map((e) => e.id))).toEqual([['1', '2'], ['3'], ['4']]);
  });

  it('starts a new group after a long pause', () => {
    const groups = groupMessages([entry('1', 'a', 0), entry('2', 'a', 10)]);
    expect(groups).toHaveLength(2);
  });

  it('never merges system messages, nor the assistant with a user', () => {
    const groups = groupMessages([
      entry('1', 's', 0, 'system'),
      entry('2', 's', 0, 'system'),
      entry('3', 'x', 0, 'assistant'),
      entry('4', 'x', 0, 'user'),
    ]);
    expect(groups).toHaveLength(4);
  });

  it('derives initials and a stable hue', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('bob')).toBe('BO');
    expect(initials('Émile Zola Junior')).toBe('ÉJ');
    expect(hueOf('u-1')).toBe(hueOf('u-1'));
    expect(hueOf('u-1')).toBeGreaterThanOrEqual(0);
    expect(hueOf('u-1')).toBeLessThan(360);
  });
});

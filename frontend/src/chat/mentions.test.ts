import { describe, expect, it } from 'vitest';
import { mentionAt, mentions } from './mentions';

describe('mentions', () => {
  it('finds @name in any case, names with spaces too, but not inside a longer name', () => {
    expect(mentions('hey @bob, look', 'Bob')).toBe(true);
    expect(mentions('@BOB SMITH please', 'Bob Smith')).toBe(true);
    expect(mentions('@bobby look', 'Bob')).toBe(false);
    expect(mentions('bob without at', 'Bob')).toBe(false);
    expect(mentions('mail bob@bob.com', 'Bob')).toBe(true);
  });

  it('knows the mention being typed at the caret', () => {
    expect(mentionAt('hi @al', 6)).toEqual({ start: 3, query: 'al' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('hi @al and more', 15)).toBeNull();
    expect(mentionAt('mail a@b', 8)).toBeNull();
  });
});

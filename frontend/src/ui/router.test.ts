import { describe, expect, it } from 'vitest';
import { parseRoute, roomHref, searchHref } from './router';

describe('parseRoute', () => {
  it('reads rooms, a message in a room, search and the other pages', () => {
    expect(parseRoute('#/rooms/lobby')).toEqual({ page: 'room', room: 'lobby' });
    expect(parseRoute(roomHref('lobby', 42))).toEqual({ page: 'room', room: 'lobby', seq: 42 });
    expect(parseRoute(searchHref('deploy & "plan"'))).toEqual({ page: 'search', q: 'deploy & "plan"' });
    expect(parseRoute('#/search/%E0%A4%A')).toEqual({ page: 'search', q: '%E0%A4%A' });
    expect(parseRoute('#/admin')).toEqual({ page: 'admin' });
  });

  it('sends anything else to the rooms list', () => {
    for (const hash of ['', '#/', '#/rooms/Bad', '#/rooms/lobby/x', '#/rooms/lobby/1/2', '#/nope']) {
      expect(parseRoute(hash)).toEqual({ page: 'rooms' });
    }
  });
});

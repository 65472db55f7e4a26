import { describe, expect, it } from 'vitest';
import type { ChatMessage, ServerFrame } from './protocol';
import {
  addPending,
  dismissCatchUp,
  emptyRoom,
  lastSeq,
  markRetrying,
  prependOlder,
  quoteOf,
  type RoomState,
  reduce,
  resumeFrom,
  unacknowledged,
} from './roomState';

const alice = { id: 'u-alice', name: 'Alice' };
const bob = { id: 'u-bob', name: 'Bob' };
const assistant = { id: 'assistant', name: 'Assistant' };

function msg(seq: number, body: string, user = bob, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${seq}`,
    seq,
    room: 'r',
    user,
    role: 'user',
    body,
    status: 'complete',
    createdAt: `2026-11-22T10:00:${String(seq).padStart(2, '0')}Z`,
    ...extra,
  };
}

function apply(state: RoomState, ...frames: ServerFrame[]): RoomState {
  return frames.reduce((s, f) => reduce(s, f, 1000), state);
}

function joined(...history: ChatMessage[]): RoomState {
  return apply(
    emptyRoom('r'),
    { type: 'welcome', you: alice, room: 'r', presence: [alice, bob], lastSeq: history.length },
    { type: 'history', messages: history, hasMore: false },
  );
}

const bodies = (s: RoomState) => s.entries.map((e) => e.body);

describe('optimistic sending', () => {
  it('keeps a message typed before the welcome through welcome, history and its ack', () => {
    let s = addPending(emptyRoom('r'), 'early', 'typed before welcome', new Date());
    expect(unacknowledged(s).map((e) => e.id)).toEqual(['early']);
    s = apply(s, { type: 'welcome', you: alice, room: 'r', presence: [alice], lastSeq: 1 });
    expect(s.entries).toHaveLength(1);
    expect(s.entries[0]).toMatchObject({ id: 'early', delivery: 'pending', user: alice });
    s = apply(s, { type: 'history', messages: [msg(1, 'older')], hasMore: false });
    expect(bodies(s)).toEqual(['older', 'typed before welcome']);
    expect(unacknowledged(s).map((e) => e.id)).toEqual(['early']);
    s = apply(s, { type: 'ack', id: 'early', seq: 2 });
    expect(s.entries.at(-1)).toMatchObject({ id: 'early', seq: 2, delivery: 'sent', user: alice });
  });

  it('keeps pending messages across a reconnect whose history does not have them yet', () => {
    let s = addPending(joined(msg(1, 'hi')), 'c1', 'while reconnecting', new Date());
    s = apply(
      s,
      { type: 'welcome', you: alice, room: 'r', presence: [alice], lastSeq: 2 },
      { type: 'history', messages: [msg(2, 'from bob')], hasMore: false },
    );
    expect(bodies(s)).toEqual(['hi', 'from bob', 'while reconnecting']);
    expect(unacknowledged(s).map((e) => e.id)).toEqual(['c1']);
  });

  it('takes the stored copy when the resumed history already has the pending message', () => {
    let s = addPending(joined(msg(1, 'hi')), 'c1', 'stored before the drop', new Date());
    s = apply(
      s,
      { type: 'welcome', you: alice, room: 'r', presence: [alice], lastSeq: 2 },
      { type: 'history', messages: [{ ...msg(2, 'stored before the drop', alice), id: 'c1' }], hasMore: false },
    );
    expect(s.entries.filter((e) => e.id === 'c1')).toHaveLength(1);
    expect(s.entries.at(-1)).toMatchObject({ id: 'c1', seq: 2, delivery: 'sent' });
  });

  it('shows a sent message at once as pending, then confirms it with the acked seq', () => {
    let s = addPending(joined(msg(1, 'hi')), 'c1', 'hello', new Date());
    expect(s.entries.at(-1)).toMatchObject({ id: 'c1', seq: null, delivery: 'pending', user: alice });
    s = apply(s, { type: 'ack', id: 'c1', seq: 2 });
    expect(s.entries.at(-1)).toMatchObject({ id: 'c1', seq: 2, delivery: 'sent' });
    expect(lastSeq(s)).toBe(2);
  });

  it('orders an acked message by its seq among messages that arrived meanwhile', () => {
    let s = addPending(joined(msg(1, 'a')), 'c1', 'mine', new Date());
    s = apply(s, { type: 'message', message: msg(2, 'theirs') }, { type: 'ack', id: 'c1', seq: 3 });
    expect(bodies(s)).toEqual(['a', 'theirs', 'mine']);
  });

  it('keeps pending messages after confirmed ones until acked', () => {
    let s = addPending(joined(), 'c1', 'mine', new Date());
    s = apply(s, { type: 'message', message: msg(1, 'theirs') });
    expect(bodies(s)).toEqual(['theirs', 'mine']);
  });

  it('marks a rejected message failed with the reason, and retry makes it pending again', () => {
    let s = addPending(joined(), 'c1', 'spam', new Date());
    s = apply(s, { type: 'error', code: 'rate_limited', message: 'slow down', id: 'c1' });
    expect(s.entries[0]).toMatchObject({ delivery: 'failed', failure: 'slow down' });
    expect(unacknowledged(s)).toEqual([]);
    s = markRetrying(s, 'c1');
    expect(s.entries[0]).toMatchObject({ delivery: 'pending', failure: undefined });
    expect(unacknowledged(s).map((e) => e.id)).toEqual(['c1']);
  });

  it('shows an error about an already stored message as a notice, not as a failed send', () => {
    let s = addPending(joined(), 'c1', '@assistant hi', new Date());
    s = apply(s, { type: 'ack', id: 'c1', seq: 1 }, { type: 'error', code: 'quota_exceeded', message: 'budget used', id: 'c1' });
    expect(s.entries[0].delivery).toBe('sent');
    expect(s.notice).toBe('budget used');
  });
});

describe('resume after reconnect', () => {
  it('starts fresh when nothing is loaded, and resumes from the last seq otherwise', () => {
    expect(resumeFrom(emptyRoom('r'))).toBeNull();
    expect(resumeFrom(joined(msg(1, 'a'), msg(2, 'b')))).toBe(2);
  });

  it('does not resume past a message that our own ack overtook', () => {
    let s = addPending(joined(msg(1, 'a'), msg(2, 'b')), 'mine', 'mine', new Date());
    s = apply(s, { type: 'ack', id: 'mine', seq: 4 }); // seq 3, stored just before, is still on its way
    expect(resumeFrom(s)).toBe(2);
    s = apply(s, { type: 'message', message: msg(3, 'c') });
    expect(resumeFrom(s)).toBe(4);
  });

  it('counts our own acked messages when nothing is missing below them', () => {
    let s = addPending(joined(msg(1, 'a')), 'x', 'x', new Date());
    s = addPending(s, 'y', 'y', new Date());
    s = apply(s, { type: 'ack', id: 'x', seq: 2 }, { type: 'ack', id: 'y', seq: 3 });
    expect(resumeFrom(s)).toBe(3);
  });

  it('resumes from before a reply that was still streaming, to learn how it ended', () => {
    const s = joined(msg(1, 'a'), msg(2, '', assistant, { role: 'assistant', status: 'streaming' }), msg(3, 'c'));
    expect(resumeFrom(s)).toBe(1);
  });

  it('merges the resumed history without gaps or duplicates and confirms a message sent before the drop', () => {
    let s = addPending(joined(msg(1, 'a'), msg(2, 'b')), 'c1', 'sent while dropping', new Date());
    const since = resumeFrom(s);
    s = apply(
      s,
      { type: 'welcome', you: alice, room: 'r', presence: [alice], lastSeq: 5 },
      {
        type: 'history',
        messages: [msg(2, 'b'), msg(3, 'c'), { ...msg(4, 'sent while dropping', alice), id: 'c1' }, msg(5, 'e')],
        hasMore: false,
      },
    );
    expect(since).toBe(2);
    expect(bodies(s)).toEqual(['a', 'b', 'c', 'sent while dropping', 'e']);
    expect(s.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(unacknowledged(s)).toEqual([]);
  });

  it('asks to resume again when a resume returned a full page', () => {
    const s = apply(joined(msg(1, 'a')), { type: 'history', messages: [msg(2, 'b')], hasMore: true });
    expect(s.resumeAgain).toBe(true);
    expect(s.hasOlder).toBe(false);
  });

  it('takes hasMore of a fresh start as older messages to page in', () => {
    const s = apply(
      emptyRoom('r'),
      { type: 'welcome', you: alice, room: 'r', presence: [], lastSeq: 80 },
      { type: 'history', messages: [msg(80, 'x')], hasMore: true },
    );
    expect(s.hasOlder).toBe(true);
    expect(s.resumeAgain).toBe(false);
  });

  it('pages older messages in front without duplicates', () => {
    let s = apply(
      emptyRoom('r'),
      { type: 'welcome', you: alice, room: 'r', presence: [], lastSeq: 3 },
      { type: 'history', messages: [msg(2, 'b'), msg(3, 'c')], hasMore: true },
    );
    s = prependOlder(s, [msg(1, 'a'), msg(2, 'b')], false);
    expect(bodies(s)).toEqual(['a', 'b', 'c']);
    expect(s.hasOlder).toBe(false);
  });
});

describe('streamed assistant replies', () => {
  const started = msg(3, '', assistant, { id: 'ai', role: 'assistant', status: 'streaming' });

  it('assembles deltas in order and takes the final message on complete', () => {
    let s = apply(joined(), { type: 'message', message: started });
    s = apply(s, { type: 'delta', messageId: 'ai', text: 'Hel', index: 1 }, { type: 'delta', messageId: 'ai', text: 'lo', index: 2 });
    expect(s.entries[0].body).toBe('Hello');
    s = apply(s, { type: 'complete', message: { ...started, body: 'Hello!', status: 'complete' } });
    expect(s.entries[0]).toMatchObject({ body: 'Hello!', status: 'complete' });
  });

  it('drops a repeated delta index and ignores deltas after the reply ended', () => {
    let s = apply(joined(), { type: 'message', message: started });
    s = apply(s, { type: 'delta', messageId: 'ai', text: 'A', index: 1 }, { type: 'delta', messageId: 'ai', text: 'A', index: 1 });
    expect(s.entries[0].body).toBe('A');
    s = apply(
      s,
      { type: 'complete', message: { ...started, body: 'A', status: 'stopped' } },
      { type: 'delta', messageId: 'ai', text: 'late', index: 2 },
    );
    expect(s.entries[0]).toMatchObject({ body: 'A', status: 'stopped' });
  });

  it('continues from the body so far after a resume mid-stream', () => {
    let s = apply(joined(), { type: 'message', message: started }, { type: 'delta', messageId: 'ai', text: 'Hel', index: 1 });
    s = apply(
      s,
      { type: 'history', messages: [{ ...started, body: 'Hello wo' }], hasMore: false },
      { type: 'delta', messageId: 'ai', text: 'rld', index: 5 },
    );
    expect(s.entries[0].body).toBe('Hello world');
  });
});

describe('room events', () => {
  it('tracks presence, typing and cursors of others only', () => {
    let s = joined();
    s = apply(s, { type: 'join', user: { id: 'u-carol', name: 'Carol' } }, { type: 'join', user: bob });
    expect(s.presence.map((u) => u.name)).toEqual(['Alice', 'Bob', 'Carol']);
    s = apply(
      s,
      { type: 'typing', user: bob, typing: true },
      { type: 'typing', user: alice, typing: true },
      { type: 'cursor', user: bob, x: 0.5, y: 0.25 },
    );
    expect(Object.keys(s.typing)).toEqual(['u-bob']);
    expect(s.cursors['u-bob']).toMatchObject({ x: 0.5, y: 0.25 });
    s = apply(s, { type: 'message', message: msg(1, 'done typing') });
    expect(s.typing).toEqual({});
    s = apply(s, { type: 'leave', user: bob });
    expect(s.presence.map((u) => u.name)).toEqual(['Alice', 'Carol']);
    expect(s.cursors).toEqual({});
  });

  it('removes a deleted message', () => {
    const s = apply(joined(msg(1, 'a'), msg(2, 'b')), { type: 'deleted', id: 'm1' });
    expect(bodies(s)).toEqual(['b']);
  });
});

describe('edits, deletions and the change feed', () => {
  it('applies an update to the message it names and keeps the highest rev', () => {
    let s = apply(
      emptyRoom('r'),
      { type: 'welcome', you: alice, room: 'r', presence: [alice], lastSeq: 2, lastRev: 4 },
      { type: 'history', messages: [msg(1, 'helo'), msg(2, 'two')], hasMore: false },
    );
    expect(s.rev).toBe(4);
    s = apply(s, { type: 'update', message: msg(1, 'hello', bob, { editedAt: '2026-11-22T10:01:00Z' }), rev: 5 });
    expect(bodies(s)).toEqual(['hello', 'two']);
    expect(s.entries[0].editedAt).toBe('2026-11-22T10:01:00Z');
    expect(s.entries[0].seq).toBe(1);
    s = apply(s, { type: 'update', message: msg(2, '', bob, { deletedAt: '2026-11-22T10:02:00Z' }), rev: 6 });
    expect(s.entries[1].deletedAt).toBe('2026-11-22T10:02:00Z');
    expect(s.entries[1].body).toBe('');
    expect(s.rev).toBe(6);
  });

  it('takes the reactions an update carries, and none when it carries none', () => {
    let s = joined(msg(1, 'ship it?'));
    s = apply(s, { type: 'update', message: msg(1, 'ship it?', bob, { reactions: [{ emoji: '🎉', users: [alice] }] }), rev: 1 });
    expect(s.entries[0].reactions).toEqual([{ emoji: '🎉', users: [alice] }]);
    s = apply(s, { type: 'update', message: msg(1, 'ship it?'), rev: 2 });
    expect(s.entries[0].reactions).toBeUndefined();
  });

  it('ignores an update of a message it has not loaded', () => {
    const s = apply(joined(msg(5, 'five')), { type: 'update', message: msg(1, 'edited'), rev: 1 });
    expect(bodies(s)).toEqual(['five']);
    expect(s.rev).toBe(1);
  });

  it('on a resume takes the rev from the changes frame, not the welcome, and resumes again when there is more', () => {
    let s = joined(msg(1, 'one'), msg(2, 'two'));
    s = apply(
      s,
      { type: 'welcome', you: alice, room: 'r', presence: [alice], lastSeq: 3, lastRev: 9 },
      { type: 'history', messages: [msg(3, 'three')], hasMore: false },
    );
    expect(s.rev).toBe(0);
    s = apply(s, { type: 'changes', messages: [msg(2, '', bob, { deletedAt: 'x' }), msg(1, 'one!')], hasMore: true, lastRev: 7 });
    expect(bodies(s)).toEqual(['one!', '', 'three']);
    expect(s.rev).toBe(7);
    expect(s.resumeAgain).toBe(true);
  });
});

describe('replies', () => {
  it('quotes the start of a message, and a pending reply carries its quote', () => {
    const s = joined(msg(1, 'x'.repeat(150)));
    const quote = quoteOf(s.entries[0]);
    expect(quote).toMatchObject({ id: 'm1', seq: 1, user: bob, deleted: false });
    expect([...quote.excerpt]).toHaveLength(141);
    const pending = addPending(s, 'r1', 'an answer', new Date(), quote);
    expect(pending.entries[1].replyTo).toEqual(quote);
    expect(unacknowledged(pending)[0].replyTo?.id).toBe('m1');
  });
});

describe('read markers', () => {
  it('places the divider at the marker the room opened with and follows the marker as it moves', () => {
    let s = apply(
      emptyRoom('r'),
      { type: 'welcome', you: alice, room: 'r', presence: [alice], lastSeq: 3, lastRead: 1 },
      { type: 'history', messages: [msg(1, 'one'), msg(2, 'two'), msg(3, 'three')], hasMore: false },
    );
    expect(s.lastRead).toBe(1);
    expect(s.readDivider).toBe(1);
    s = apply(s, { type: 'read', seq: 3 });
    expect(s.lastRead).toBe(3);
    expect(s.readDivider).toBe(1);
    s = apply(s, { type: 'welcome', you: alice, room: 'r', presence: [alice], lastSeq: 3, lastRead: 2 });
    expect(s.lastRead).toBe(3);
    expect(s.readDivider).toBe(1);
  });

  it('has no marker and no divider in a room never read', () => {
    const s = joined(msg(1, 'one'));
    expect(s.lastRead).toBeNull();
    expect(s.readDivider).toBeNull();
  });
});

describe('a private catch-up', () => {
  it('streams in, ends with its sources, ignores frames of another catch-up, and can be dismissed', () => {
    let state = apply(
      joined(msg(1, 'a'), msg(2, 'b')),
      { type: 'summary', id: 's1', room: 'r', from: 1, to: 2, messages: 2 },
      { type: 'summaryDelta', id: 's1', text: '- a happened ', index: 1 },
      { type: 'summaryDelta', id: 'other', text: 'not ours', index: 1 },
      { type: 'summaryDelta', id: 's1', text: '[#1]', index: 2 },
    );
    expect(state.catchUp).toMatchObject({ status: 'streaming', body: '- a happened [#1]', messages: 2 });
    state = apply(state, { type: 'summaryEnd', id: 's1', status: 'complete', body: '- a happened [#1]', sources: [1] });
    expect(state.catchUp).toMatchObject({ status: 'complete', sources: [1] });
    expect(apply(state, { type: 'summaryDelta', id: 's1', text: 'late', index: 3 }).catchUp?.body).toBe('- a happened [#1]');
    expect(bodies(state)).toEqual(['a', 'b']);
    expect(dismissCatchUp(state).catchUp).toBeNull();
  });

  it('shows a failed catch-up with its problem', () => {
    const state = apply(
      joined(),
      { type: 'summary', id: 's1', room: 'r', from: 1, to: 1, messages: 1 },
      { type: 'summaryEnd', id: 's1', status: 'failed', body: '', sources: [], problem: 'the assistant is unavailable' },
    );
    expect(state.catchUp).toMatchObject({ status: 'failed', problem: 'the assistant is unavailable' });
  });
});

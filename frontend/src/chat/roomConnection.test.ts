import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ConnectionStatus, RoomConnection, type RoomConnectionHooks } from './roomConnection';

/** A stand-in for the browser's WebSocket: the test decides when it opens and how it closes. */
class FakeSocket {
  static made: FakeSocket[] = [];
  static readonly OPEN = 1;
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }

  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }

  closeFromServer(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  send(): void {}
  close(): void {}
}

function hooks(whyRefused: RoomConnectionHooks['whyRefused']) {
  const statuses: { status: ConnectionStatus; detail?: string }[] = [];
  const renewals = vi.fn(async () => true);
  const asked = vi.fn(whyRefused);
  const connection = new RoomConnection({
    url: () => 'ws://chat.example/ws/rooms/lobby',
    since: () => null,
    onFrame: () => {},
    onStatus: (status, detail) => statuses.push({ status, detail }),
    renewToken: renewals,
    whyRefused: asked,
  });
  return { connection, statuses, renewals, asked };
}

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('window', { addEventListener: () => {}, removeEventListener: () => {} });
  vi.stubGlobal('navigator', { onLine: true });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a connection the server ends before it opens', () => {
  it('renews a token the server refuses and connects again at once', async () => {
    const { connection, renewals, asked } = hooks(async () => 'token');
    connection.start();
    FakeSocket.made[0].closeFromServer(1006);
    await vi.waitFor(() => expect(FakeSocket.made).toHaveLength(2));
    expect(asked).toHaveBeenCalledOnce();
    expect(renewals).toHaveBeenCalledOnce();
    connection.stop();
  });

  it('asks the user to sign in again when a renewed token is refused too', async () => {
    const { connection, statuses, renewals } = hooks(async () => 'token');
    connection.start();
    FakeSocket.made[0].closeFromServer(1006);
    await vi.waitFor(() => expect(FakeSocket.made).toHaveLength(2));
    FakeSocket.made[1].closeFromServer(1006);
    await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ status: 'refused', detail: 'Your session ended. Sign in again.' }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.made).toHaveLength(2);
    expect(renewals).toHaveBeenCalledOnce();
  });

  it('shows why entry is refused and does not retry', async () => {
    const { connection, statuses, renewals } = hooks(async () => 'you may not do this');
    connection.start();
    FakeSocket.made[0].closeFromServer(1006);
    await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ status: 'refused', detail: 'you may not do this' }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.made).toHaveLength(1);
    expect(renewals).not.toHaveBeenCalled();
  });

  it('retries with backoff when nothing is wrong but the line', async () => {
    const { connection, statuses } = hooks(async () => null);
    connection.start();
    FakeSocket.made[0].closeFromServer(1006);
    await vi.waitFor(() => expect(statuses.at(-1)?.status).toBe('reconnecting'));
    expect(FakeSocket.made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.made).toHaveLength(2);
    connection.stop();
  });
});

describe('a connection that was open', () => {
  it('is not questioned when the line drops: it reconnects', async () => {
    const { connection, asked, statuses } = hooks(async () => 'token');
    connection.start();
    FakeSocket.made[0].open();
    FakeSocket.made[0].closeFromServer(1006);
    await vi.waitFor(() => expect(statuses.at(-1)?.status).toBe('reconnecting'));
    expect(asked).not.toHaveBeenCalled();
    connection.stop();
  });

  it('renews its token when the server closes it with 1008 for the token', async () => {
    const { connection, renewals, asked } = hooks(async () => null);
    connection.start();
    FakeSocket.made[0].open();
    FakeSocket.made[0].closeFromServer(1008, 'unauthorized: token expired');
    await vi.waitFor(() => expect(FakeSocket.made).toHaveLength(2));
    expect(renewals).toHaveBeenCalledOnce();
    expect(asked).not.toHaveBeenCalled();
    connection.stop();
  });
});

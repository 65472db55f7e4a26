// One room's WebSocket: connects, reconnects with backoff, resumes with `since`, and keeps the
// line alive with pings. What the frames mean is the reducer's business (roomState.ts).
import { reconnectDelay } from './backoff';
import type { ClientFrame, ServerFrame } from './protocol';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface RoomConnectionHooks {
  url: (since: number | null) => string;
  since: () => number | null;
  onFrame: (frame: ServerFrame) => void;
  onStatus: (status: ConnectionStatus, detail?: string) => void;
  /** The token was refused or expired: renew it; false means the user must sign in again. */
  renewToken: () => Promise<boolean>;
  /**
   * The server ended a connection before it opened. A refused handshake (401/403/400) looks the
   * same to a browser as a network failure, so this asks the server over HTTP: 'token' when the
   * token is refused, a message when entry is refused, null when nothing is wrong but the line.
   */
  whyRefused: () => Promise<'token' | string | null>;
}

const PING_EVERY_MS = 20000;
const PONG_WITHIN_MS = 10000;

export class RoomConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  private tokenTrouble = false;
  /** A renewed token has not been welcomed yet: a second refusal means renewing does not help. */
  private renewedUnproven = false;

  constructor(private readonly hooks: RoomConnectionHooks) {}

  start(): void {
    window.addEventListener('online', this.online);
    window.addEventListener('offline', this.offline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.online);
    window.removeEventListener('offline', this.offline);
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.socket?.close(1000, 'left the room');
    this.socket = null;
  }

  /** Sends if connected; false when the frame could not go out now. */
  send(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Drops the connection and connects again at once (e.g. to resume past a 1000-message page). */
  reconnectNow(): void {
    this.attempt = 0;
    this.socket?.close(4000, 'resuming');
  }

  private readonly online = () => {
    if (!this.connected) {
      clearTimeout(this.retryTimer);
      this.attempt = 0;
      this.connect();
    }
  };

  private readonly offline = () => this.hooks.onStatus('offline');

  private connect(): void {
    if (this.stopped) return;
    this.hooks.onStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.hooks.url(this.hooks.since()));
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.lastHeard = Date.now();
      this.pingTimer = setInterval(() => this.keepAlive(socket), PING_EVERY_MS);
    };
    socket.onmessage = (event) => {
      this.lastHeard = Date.now();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data as string);
      } catch {
        return;
      }
      if (frame.type === 'welcome') {
        this.attempt = 0;
        this.tokenTrouble = false;
        this.renewedUnproven = false;
        this.hooks.onStatus('connected');
      }
      if (frame.type === 'error' && frame.code === 'token_expired') this.tokenTrouble = true;
      this.hooks.onFrame(frame);
    };
    socket.onclose = (event) => {
      clearInterval(this.pingTimer);
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      void this.afterClose(event.code, event.reason, opened);
    };
  }

  private async afterClose(code: number, reason: string, opened: boolean): Promise<void> {
    let refusal: 'token' | string | null = null;
    if (!opened && code !== 1008 && code !== 1009 && navigator.onLine) {
      refusal = await this.hooks.whyRefused().catch(() => null);
      if (this.stopped) return;
    }
    const tokenProblem = refusal === 'token' || this.tokenTrouble || (code === 1008 && /unauthori[sz]ed|token/i.test(reason));
    if (tokenProblem) {
      this.tokenTrouble = false;
      if (this.renewedUnproven || !(await this.hooks.renewToken())) {
        this.hooks.onStatus('refused', 'Your session ended. Sign in again.');
        return;
      }
      this.renewedUnproven = true;
      this.connect();
      return;
    }
    if (refusal !== null) {
      this.hooks.onStatus('refused', refusal);
      return;
    }
    if (code === 1008 || code === 1009) {
      this.hooks.onStatus('refused', reason || 'The server refused this connection.');
      return;
    }
    if (!navigator.onLine) {
      this.hooks.onStatus('offline');
      return;
    }
    const delay = reconnectDelay(this.attempt++);
    this.hooks.onStatus('reconnecting', `Reconnecting in ${Math.ceil(delay / 1000)} s`);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private keepAlive(socket: WebSocket): void {
    if (Date.now() - this.lastHeard > PING_EVERY_MS + PONG_WITHIN_MS) {
      socket.close(4001, 'no answer to ping');
      return;
    }
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'ping' }));
  }
}

// What the bench scripts share: the embedded server started with the run command on a data folder
// of its own (H2, or a fresh PostgreSQL schema), dev-login tokens, and room sockets that resolve
// once their history has arrived.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// the `ws` client the browser tests use (frontend/node_modules, installed by the build)
export const WebSocket = createRequire(join(root, 'frontend', 'package.json'))('ws');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const psql = (sql) =>
  execFileSync('psql', ['-h', '127.0.0.1', '-U', process.env.PGUSER ?? 'postgres', '-d', 'test', '-qc', `set client_min_messages = warning; ${sql}`]);

/** The embedded server on `port`, restartable on the same data. */
export class Server {
  constructor({ port, db = 'h2', javaOpts = '-Xmx1g' }) {
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    this.data = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    this.env = { ...process.env, CHAT_PORT: String(port), CHAT_DATA_DIR: this.data, PARLEY_SKIP_BUILD: '1', JAVA_OPTS: javaOpts };
    if (db === 'postgres') {
      this.schema = `parley_bench_${randomUUID().slice(0, 8)}`;
      psql(`create schema ${this.schema}`);
      this.env.CHAT_DB_URL = `jdbc:postgresql://127.0.0.1:5432/test?currentSchema=${this.schema}`;
      this.env.CHAT_DB_USER = process.env.PGUSER ?? 'postgres';
    }
    this.logFile = join(this.data, 'server.log');
    this.log = createWriteStream(this.logFile, { flags: 'a' });
  }

  /** Starts the run command; resolves with the milliseconds until it answers. */
  async start() {
    const started = Date.now();
    this.process = spawn('bash', [join(root, 'run.sh')], { cwd: root, env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process.stdout.pipe(this.log, { end: false });
    this.process.stderr.pipe(this.log, { end: false });
    while (Date.now() - started < 180_000) {
      try {
        if ((await fetch(`${this.base}/api/auth/config`)).ok) return Date.now() - started;
      } catch {}
      await sleep(200);
    }
    throw new Error(`the server did not start; see ${this.logFile}`);
  }

  /** kill -9 of the run command and its JVM. */
  kill() {
    process.kill(-this.process.pid, 'SIGKILL');
  }

  /** Lines of the server log at SEVERE, or with an exception's name. */
  errors() {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((line) => /SEVERE|Exception/.test(line));
  }

  dispose() {
    try {
      this.kill();
    } catch {}
    if (this.schema) psql(`drop schema ${this.schema} cascade`);
  }

  async login(name) {
    for (let attempt = 0; ; attempt++) {
      const answer = await fetch(`${this.base}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      if (answer.ok) return (await answer.json()).token;
      if (attempt > 20) throw new Error(`dev-login ${answer.status}`);
      await sleep(250);
    }
  }

  /**
   * Opens a room socket; resolves with {socket, welcome, history, hasMore} once the history has
   * arrived, then hands later frames to `onFrame`. Rejects when refused or after `timeoutMs`.
   */
  open(room, token, since, onFrame = () => {}, timeoutMs = 60_000) {
    return new Promise((done, fail) => {
      const query = since === undefined ? '' : `&since=${since}`;
      const socket = new WebSocket(`ws://127.0.0.1:${this.port}/ws/rooms/${room}?access_token=${token}${query}`, { origin: this.base });
      let welcome = null;
      let ready = false;
      const timer = setTimeout(() => {
        socket.terminate();
        fail(new Error(`no history within ${timeoutMs} ms (${room})`));
      }, timeoutMs);
      socket.on('message', (raw) => {
        const frame = JSON.parse(String(raw));
        if (ready) return onFrame(frame);
        if (frame.type === 'welcome') welcome = frame;
        else if (frame.type === 'history') {
          ready = true;
          clearTimeout(timer);
          done({ socket, welcome, history: frame.messages, hasMore: frame.hasMore });
        }
      });
      socket.on('error', () => {});
      socket.on('unexpected-response', (_request, response) => {
        clearTimeout(timer);
        fail(new Error(`refused: HTTP ${response.statusCode}`));
      });
      socket.on('close', (code) => {
        clearTimeout(timer);
        if (!ready) fail(new Error(`closed ${code} before history (${room})`));
      });
    });
  }
}

/** Runs `task(i)` for i in 0..n-1, at most `concurrency` at a time. */
export async function pool(n, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/** `--name value` from the command line, or `fallback`. */
export function arg(name, fallback) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
}

/** Ends the process with status 2 if it is still running after `seconds`. */
export function boundedTo(seconds) {
  setTimeout(() => {
    console.error(`gave up after ${seconds} s`);
    process.exit(2);
  }, seconds * 1000).unref();
}

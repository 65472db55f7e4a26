// The embedded server, started with the README's run command (./run.sh) on a free port and a
// fresh data folder, so the browser tests see exactly what a user sees.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(process.env.PARLEY_ROOT ?? join(import.meta.dirname, '..', '..'));
const STARTUP_MS = 150_000;

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => done(port));
    });
  });
}

export class ParleyServer {
  private process: ChildProcess | null = null;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'parley-e2e-'));

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  /** Everything the server process printed so far. */
  get logFile(): string {
    return join(ROOT, 'frontend', 'target', `e2e-server-${this.port}.log`);
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    this.process = spawn('bash', [join(ROOT, 'run.sh')], {
      cwd: ROOT,
      detached: true, // its own process group, so stop() also ends the Java process
      env: {
        ...process.env,
        ...this.env,
        CHAT_PORT: String(this.port),
        CHAT_DATA_DIR: this.dataDir,
        PARLEY_SKIP_BUILD: '1',
        JAVA_OPTS: '-Xmx512m',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout!.pipe(log);
    this.process.stderr!.pipe(log);
    const deadline = Date.now() + STARTUP_MS;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null)
        throw new Error(`run.sh exited with ${this.process.exitCode}; see frontend/target/e2e-server-${this.port}.log`);
      try {
        if ((await fetch(`${this.url}/api/auth/config`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the server did not answer within ${STARTUP_MS / 1000} s`);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
    // the Java process may outlive the script for a moment: wait until the port is free
    for (let i = 0; i < 120; i++) {
      try {
        await fetch(`${this.url}/api/auth/config`);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    this.process = null;
  }
}

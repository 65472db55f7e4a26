// A restart with everyone connected: N clients (10 per room) are in their rooms and have seen
// some messages; the server is killed and started again, and all N reconnect at the same moment
// with `since` (each a little behind, so each has messages to catch up on). Checks that every
// client gets its welcome and exactly the messages after its `since`, that none is refused, and
// that the server logs no error. Prints one JSON object; exits 1 on any failure.
//   node bench/reconnect-storm.mjs [--clients 10000] [--db h2|postgres] [--port 8196]
import { randomUUID } from 'node:crypto';
import { arg, boundedTo, pool, Server } from './lib/parley.mjs';

const opt = {
  clients: Number(arg('clients', 10_000)),
  perRoom: 10,
  messagesPerRoom: 5,
  behind: 3,
  db: arg('db', 'h2'),
  port: Number(arg('port', 8196)),
  maxSeconds: Number(arg('max-seconds', 900)),
};
boundedTo(opt.maxSeconds);

const server = new Server({ port: opt.port, db: opt.db, javaOpts: '-Xmx2g' });
const report = { clients: opt.clients, db: opt.db };
report.coldStartMs = await server.start();

const run = randomUUID().slice(0, 6);
const clients = Array.from({ length: opt.clients }, (_, i) => ({ i, room: `storm-${run}-${Math.floor(i / opt.perRoom)}` }));
let started = Date.now();
await pool(clients.length, 16, async (i) => {
  clients[i].token = await server.login(`storm-${run}-${i}`);
});
report.loginsSeconds = (Date.now() - started) / 1000;

// everyone in their room; the first of each room writes a few messages
started = Date.now();
await pool(clients.length, 100, async (i) => {
  const c = clients[i];
  const opened = await server.open(c.room, c.token);
  opened.socket.close();
});
report.firstJoinSeconds = (Date.now() - started) / 1000;
const lastSeq = new Map();
await pool(clients.length / opt.perRoom, 50, async (r) => {
  const writer = clients[r * opt.perRoom];
  const acks = [];
  const opened = await server.open(writer.room, writer.token, undefined, (frame) => {
    if (frame.type === 'ack') acks.push(frame.seq);
  });
  for (let m = 0; m < opt.messagesPerRoom; m++) {
    opened.socket.send(JSON.stringify({ type: 'message', id: randomUUID(), body: `before the restart ${m}` }));
  }
  for (let wait = 0; acks.length < opt.messagesPerRoom && wait < 300; wait++) await new Promise((r) => setTimeout(r, 100));
  opened.socket.close();
  lastSeq.set(writer.room, Math.max(0, ...acks));
});

server.kill();
report.restartMs = await server.start();
const errorsBefore = server.errors().length;

// all at once, each `behind` messages behind the room's last
const outcomes = { ok: 0, refused: 0, wrongHistory: 0, lastError: null };
const latencies = [];
started = Date.now();
const sockets = [];
await Promise.all(
  clients.map(async (c) => {
    const since = Math.max(0, lastSeq.get(c.room) - opt.behind);
    const t = Date.now();
    try {
      const opened = await server.open(c.room, c.token, since, undefined, 120_000);
      latencies.push(Date.now() - t);
      sockets.push(opened.socket);
      const seqs = opened.history.map((m) => m.seq);
      const expected = Array.from({ length: lastSeq.get(c.room) - since }, (_, k) => since + k + 1);
      const welcomeOk = opened.welcome?.type === 'welcome' && opened.welcome.lastSeq === lastSeq.get(c.room);
      if (!welcomeOk || JSON.stringify(seqs) !== JSON.stringify(expected)) outcomes.wrongHistory++;
      else outcomes.ok++;
    } catch (e) {
      outcomes.refused++;
      outcomes.lastError = String(e.message ?? e);
    }
  }),
);
const stormSeconds = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))];
const newErrors = server.errors().slice(errorsBefore);
Object.assign(report, {
  ...outcomes,
  stormSeconds,
  connectionsPerSecond: Math.round(outcomes.ok / stormSeconds),
  connectMs: { p50: pct(50), p99: pct(99), max: latencies.at(-1) },
  serverErrorsLogged: newErrors.length,
  firstServerError: newErrors[0]?.slice(0, 300),
});
for (const socket of sockets) socket.terminate();
server.dispose();
console.log(JSON.stringify(report));
process.exit(outcomes.refused + outcomes.wrongHistory + newErrors.length > 0 ? 1 : 0);

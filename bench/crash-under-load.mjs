// kill -9 of the embedded server under the fan-out load of docs/benchmarks.md (R rooms × U users,
// one message per user every P ms: 2,000 msg/s at 40 × 10 × 200 ms), then the run command again on
// the same data. Checks, per room: every acked id stored exactly once under the seq it was acked
// with, seqs 1..N without a gap, nothing sent twice; and that each client resuming with `since`
// (its highest seq seen) gets exactly the messages it missed. Prints one JSON object.
//   node bench/crash-under-load.mjs --db h2|postgres [--rooms 40 --users 10 --period 200 --load 15]
// Started by bench/crash-under-load.sh, which builds first. Bounded: at most --max-seconds.
import { randomUUID } from 'node:crypto';
import { Server, sleep, WebSocket } from './lib/parley.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const opt = {
  db: arg('db', 'h2'),
  rooms: Number(arg('rooms', 40)),
  users: Number(arg('users', 10)),
  period: Number(arg('period', 200)),
  load: Number(arg('load', 15)),
  port: Number(arg('port', 8197)),
  maxSeconds: Number(arg('max-seconds', 600)),
};
setTimeout(() => {
  console.error(`gave up after ${opt.maxSeconds} s`);
  process.exit(2);
}, opt.maxSeconds * 1000).unref();

const server = new Server({ port: opt.port, db: opt.db });
const base = server.base;
const start = () => server.start();
const kill9 = () => server.kill();
const login = (name) => server.login(name);
/** Opens a room socket; resolves once its history has arrived. */
const open = (room, token, since, onFrame) => server.open(room, token, since, onFrame);

const rooms = Array.from({ length: opt.rooms }, (_, r) => `crash-${r}-${randomUUID().slice(0, 6)}`);
const clients = [];
const sent = new Map(); // id -> room
const acked = new Map(); // id -> seq
const refused = [];

const report = { db: opt.db, rooms: opt.rooms, users: opt.users, periodMs: opt.period, offeredPerSecond: (opt.rooms * opt.users * 1000) / opt.period };
report.coldStartMs = await start();
for (const room of rooms) {
  for (let u = 0; u < opt.users; u++) {
    const client = { room, name: `crash-${room}-${u}`, seen: new Set(), token: await login(`c${clients.length}-${room}`) };
    clients.push(client);
  }
}
const track = (client) => (frame) => {
  if (frame.type === 'message') client.seen.add(frame.message.seq);
  else if (frame.type === 'ack') {
    acked.set(frame.id, frame.seq);
    client.seen.add(frame.seq);
  } else if (frame.type === 'error') refused.push(frame.code);
};
await Promise.all(clients.map(async (c) => Object.assign(c, await open(c.room, c.token, undefined, track(c)))));
for (const c of clients) for (const m of c.history) c.seen.add(m.seq);

// the load: every client sends one message every `period` ms, evenly spread
let sending = true;
const loadStarted = Date.now();
const timers = clients.map((c, i) =>
  setTimeout(() => {
    const tick = () => {
      if (!sending || c.socket.readyState !== WebSocket.OPEN) return;
      const id = randomUUID();
      sent.set(id, c.room);
      c.socket.send(JSON.stringify({ type: 'message', id, body: `load ${id}` }));
    };
    c.timer = setInterval(tick, opt.period);
    tick();
  }, (i * opt.period) / clients.length),
);
await sleep(opt.load * 1000);
const ackedBeforeKill = acked.size;
kill9();
const killedAt = Date.now();
report.ackedPerSecondBeforeKill = Math.round(ackedBeforeKill / ((killedAt - loadStarted) / 1000));
sending = false;
for (const t of timers) clearTimeout(t);
for (const c of clients) clearInterval(c.timer);
await sleep(1500); // acks that were already on the wire
for (const c of clients) c.socket.terminate();
report.sent = sent.size;
report.acked = acked.size;
report.sentNotAcked = sent.size - acked.size;

report.restartMs = await start();
// every client resumes from the highest seq it saw, as the app does
const resumeProblems = [];
await Promise.all(
  clients.map(async (c) => {
    const since = c.seen.size ? Math.max(...c.seen) : 0;
    let from = since;
    const got = [];
    for (;;) {
      const page = await open(c.room, c.token, from, () => {});
      page.socket.close();
      got.push(...page.history);
      if (!page.hasMore || page.history.length === 0) break;
      from = page.history.at(-1).seq;
    }
    const seqs = got.map((m) => m.seq);
    if (new Set(seqs).size !== seqs.length) resumeProblems.push(`${c.name}: a message twice`);
    if (seqs.some((s) => s <= since)) resumeProblems.push(`${c.name}: a message it had`);
    c.resumed = seqs;
  }),
);

// what is stored, room by room, through the REST history
const token = clients[0].token;
let stored = 0;
const lost = [];
const twice = [];
const wrongSeq = [];
const gaps = [];
for (const room of rooms) {
  const messages = [];
  let before = null;
  for (;;) {
    const page = await (
      await fetch(`${base}/api/rooms/${room}/messages?limit=200${before ? `&before=${before}` : ''}`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
    messages.unshift(...page.messages);
    if (!page.hasMore || page.messages.length === 0) break;
    before = page.messages[0].seq;
  }
  stored += messages.length;
  const byId = new Map();
  for (const m of messages) byId.set(m.id, (byId.get(m.id) ?? 0) + 1);
  for (const [id, n] of byId) if (n > 1) twice.push(id);
  messages.forEach((m, i) => {
    if (m.seq !== i + 1) gaps.push(`${room}: seq ${m.seq} at ${i + 1}`);
  });
  const seqOf = new Map(messages.map((m) => [m.id, m.seq]));
  for (const [id, r] of sent) {
    if (r !== room || !acked.has(id)) continue;
    if (!seqOf.has(id)) lost.push(id);
    else if (seqOf.get(id) !== acked.get(id)) wrongSeq.push(id);
  }
  // each client of the room now holds seqs 1..N without a hole: what it saw, then what it resumed
  for (const c of clients.filter((c) => c.room === room)) {
    const holds = new Set([...c.seen, ...c.resumed]);
    for (let s = 1; s <= messages.length; s++) {
      if (!holds.has(s)) {
        resumeProblems.push(`${c.name}: seq ${s} missing after resume`);
        break;
      }
    }
  }
}
Object.assign(report, {
  stored,
  storedNotAcked: stored - (acked.size - lost.length),
  lostAcked: lost.length,
  storedTwice: twice.length,
  ackedUnderAnotherSeq: wrongSeq.length,
  seqGaps: gaps.length,
  resumeProblems: resumeProblems.length,
  refusals: refused.length,
  examples: [...lost.slice(0, 3), ...gaps.slice(0, 3), ...resumeProblems.slice(0, 3)],
});
server.dispose();
console.log(JSON.stringify(report));
const failed = report.lostAcked + report.storedTwice + report.ackedUnderAnotherSeq + report.seqGaps + report.resumeProblems > 0;
process.exit(failed ? 1 : 0);

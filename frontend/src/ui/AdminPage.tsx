// The admin page (role admin): a live dashboard, rooms to moderate, who is online, the audit log.
// Every action is a documented REST call that the server checks and records in the audit trail.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type AuditEntry, admin, type Dashboard, type Member, type ModeratedRoom, type OnlineUser, type StoredMessage } from '../api/admin';
import type { ApiError } from '../api/http';
import { roomHref } from './router';
import { ago } from './time';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const REFRESH_MS = 2000;
const number = new Intl.NumberFormat();
const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function AdminPage() {
  const [error, setError] = useState<string | null>(null);
  const [auditVersion, setAuditVersion] = useState(0);
  // after each action: say what failed, or refresh the audit log
  const act = (action: Promise<unknown>) =>
    action.then(
      () => {
        setError(null);
        setAuditVersion((v) => v + 1);
      },
      (e: ApiError) => setError(e.message),
    );
  return (
    <main class="page admin-page">
      <h1>Administration</h1>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <DashboardSection act={act} />
      <RoomsSection act={act} version={auditVersion} />
      <UsersSection act={act} version={auditVersion} />
      <AuditSection version={auditVersion} />
    </main>
  );
}

type Act = (action: Promise<unknown>) => Promise<void>;

/** Loads now, every {@code every} ms, and again at once whenever {@code key} changes. */
function usePolled<T>(load: () => Promise<T>, key: string, every = REFRESH_MS): T | null {
  const [value, setValue] = useState<T | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key names what reloads it
  useEffect(() => {
    let alive = true;
    const tick = () =>
      load().then(
        (v) => alive && setValue(v),
        () => {},
      );
    tick();
    const timer = setInterval(tick, every);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [key]);
  return value;
}

function DashboardSection({ act }: { act: Act }) {
  const [version, setVersion] = useState(0);
  const dash = usePolled(admin.dashboard, String(version));
  const errors = dash ? Object.values(dash.errors).reduce((a, b) => a + b, 0) : undefined;
  return (
    <section aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">
        Dashboard <span class="live-dot on">updates every 2 s</span>
      </h2>
      <div class="tally">
        <Figure label="Connections (this node)" value={dash?.connections} testId="dash-connections" />
        <Figure label="Messages/s" value={dash?.messagesPerSecond} testId="dash-rate" />
        <Figure label="p99 delivery (ms)" value={dash?.p99DeliveryMs} testId="dash-p99" />
        <Figure label="Active rooms" value={dash?.activeRooms} />
        <Figure label="Messages stored" value={dash?.messagesStored} testId="dash-stored" />
        <Figure label="Errors sent" value={errors} />
        <Figure label="Slow-client closes" value={dash?.slowClientCloses} />
        <Figure label="Rate-limited frames" value={dash?.rateLimitedFrames} />
      </div>
      <p class="row assistant-switch">
        Assistant: <strong data-testid="assistant-state">{dash?.assistantPaused ? 'paused' : 'answering'}</strong>
        <button type="button" onClick={() => act(admin.pause(!dash?.assistantPaused)).then(() => setVersion((v) => v + 1))}>
          {dash?.assistantPaused ? 'Resume the assistant' : 'Pause the assistant'}
        </button>
      </p>
      {dash && (
        <div class="charts">
          <LineChart
            title="Messages per second (this node)"
            labels={dash.samples.map((s) => clock(s.at))}
            series={[
              { label: 'messages/s', values: dash.samples.map((s) => s.messagesPerSecond), color: '#7c8cf8' },
              { label: 'p99 delivery ms', values: dash.samples.map((s) => s.p99DeliveryMs), color: '#e0795b' },
            ]}
          />
          <TokensChart minutes={dash.tokensPerMinute} />
        </div>
      )}
      {dash && <TokensByRoom minutes={dash.tokensPerMinute} />}
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value?: number; testId?: string }) {
  return (
    <div class="big-number">
      <span class="value" data-testid={testId}>
        {value === undefined ? '–' : number.format(value)}
      </span>
      <span class="label">{label}</span>
    </div>
  );
}

interface Series {
  label: string;
  values: number[];
  color: string;
}

function useChart(kind: 'line' | 'bar', labels: string[], series: Series[], stacked: boolean) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const key = JSON.stringify([labels, series.map((s) => [s.label, s.values])]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: redraws when the figures change
  useEffect(() => {
    const data = {
      labels,
      datasets: series.map((s) => ({
        label: s.label,
        data: s.values,
        borderColor: s.color,
        backgroundColor: s.color,
        pointRadius: 0,
      })),
    };
    if (chart.current) {
      chart.current.data = data;
      chart.current.update();
    } else if (canvas.current) {
      chart.current = new Chart(canvas.current, {
        type: kind,
        data,
        options: {
          animation: false,
          maintainAspectRatio: false,
          scales: { x: { stacked }, y: { stacked, beginAtZero: true } },
        },
      });
    }
  }, [key]);
  useEffect(() => () => chart.current?.destroy(), []);
  return canvas;
}

function LineChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const canvas = useChart('line', labels, series, false);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-box" style={{ height: '200px' }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
    </figure>
  );
}

const PALETTE = ['#7c8cf8', '#34b39a', '#e0795b', '#c9a227', '#b160d6', '#4aa3df'];

function TokensChart({ minutes }: { minutes: Dashboard['tokensPerMinute'] }) {
  const labels = [...new Set(minutes.map((m) => clock(m.minute)))];
  const models = [...new Set(minutes.map((m) => m.model))];
  const series = models.map((model, i) => ({
    label: model,
    color: PALETTE[i % PALETTE.length],
    values: labels.map((label) =>
      minutes.filter((m) => m.model === model && clock(m.minute) === label).reduce((sum, m) => sum + m.tokens, 0),
    ),
  }));
  const canvas = useChart('bar', labels, series, true);
  const title = 'Assistant tokens per minute, by model (last hour)';
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {minutes.length === 0 ? <p class="empty">No assistant replies in the last hour.</p> : null}
      <div class="chart-box" style={{ height: '200px', display: minutes.length ? 'block' : 'none' }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
    </figure>
  );
}

function TokensByRoom({ minutes }: { minutes: Dashboard['tokensPerMinute'] }) {
  const byRoom = new Map<string, number>();
  for (const m of minutes) byRoom.set(m.room, (byRoom.get(m.room) ?? 0) + m.tokens);
  if (byRoom.size === 0) return null;
  return (
    <table class="admin-table" aria-label="Assistant tokens by room (last hour)">
      <thead>
        <tr>
          <th>Room</th>
          <th>Tokens (last hour)</th>
        </tr>
      </thead>
      <tbody>
        {[...byRoom.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([room, tokens]) => (
            <tr key={room}>
              <td>#{room}</td>
              <td>{number.format(tokens)}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}

function RoomsSection({ act, version }: { act: Act; version: number }) {
  const [query, setQuery] = useState('');
  const [bump, setBump] = useState(0);
  const rooms = usePolled(() => admin.rooms(query), `${query}\u0000${version}\u0000${bump}`, 5000);
  const [open, setOpen] = useState<string | null>(null);
  const refresh = (action: Promise<unknown>) => act(action).then(() => setBump((b) => b + 1));
  return (
    <section aria-labelledby="rooms-title">
      <h2 id="rooms-title">Rooms</h2>
      <label for="room-search">Search rooms</label>
      <input
        id="room-search"
        type="search"
        placeholder="name or title"
        value={query}
        maxLength={64}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      <ul class="admin-list" aria-label="Rooms found">
        {rooms?.map((room) => (
          <li key={room.name} data-testid={`admin-room-${room.name}`}>
            <button
              type="button"
              class="link"
              aria-expanded={open === room.name}
              onClick={() => setOpen(open === room.name ? null : room.name)}
            >
              #{room.name}
            </button>{' '}
            <span class="muted">
              {room.title !== room.name ? `${room.title} · ` : ''}
              {room.online} online · assistant {room.assistant}
              {room.lastActivityAt ? ` · active ${ago(room.lastActivityAt)}` : ''}
            </span>
            {room.closedAt && <span class="badge warn">closed{room.closedReason ? `: ${room.closedReason}` : ''}</span>}
            {open === room.name && <RoomModeration room={room} act={refresh} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RoomModeration({ room, act }: { room: ModeratedRoom; act: Act }) {
  const [members, setMembers] = useState<Member[]>([]);
  const [messages, setMessages] = useState<StoredMessage[]>([]);
  const [who, setWho] = useState('');
  const [minutes, setMinutes] = useState(10);
  const [reason, setReason] = useState('');
  const [closeReason, setCloseReason] = useState('');
  const [reload, setReload] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads after each action
  useEffect(() => {
    admin.members(room.name).then(setMembers, () => {});
    admin.latest(room.name).then(setMessages, () => {});
  }, [room.name, reload]);
  const done = (action: Promise<unknown>) => act(action).then(() => setReload((r) => r + 1));
  const chosen = members.find((m) => m.id === who);
  return (
    <fieldset class="moderation">
      <legend>Moderate #{room.name}</legend>
      <p class="row">
        {room.closedAt ? (
          <button type="button" onClick={() => done(admin.reopen(room.name))}>
            Reopen the room
          </button>
        ) : (
          <>
            <input
              aria-label="Reason for closing"
              placeholder="reason (shown to users)"
              maxLength={500}
              value={closeReason}
              onInput={(e) => setCloseReason((e.target as HTMLInputElement).value)}
            />
            <button type="button" onClick={() => done(admin.close(room.name, closeReason))}>
              Close the room for everyone
            </button>
          </>
        )}
        <button type="button" onClick={() => done(admin.silence(room.name))} disabled={room.assistant === 'off'}>
          Silence the assistant here
        </button>
        <a href={roomHref(room.name)}>Open the room (settings)</a>
      </p>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen) done(admin.remove(room.name, chosen, minutes, reason));
        }}
      >
        <select aria-label="User to remove" value={who} onChange={(e) => setWho((e.target as HTMLSelectElement).value)}>
          <option value="">user to remove…</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <input
          aria-label="Minutes kept out"
          type="number"
          min={0.1}
          step="any"
          max={527040}
          value={minutes}
          onInput={(e) => setMinutes(Number((e.target as HTMLInputElement).value))}
        />
        <input
          aria-label="Reason for removal"
          placeholder="reason (shown to them)"
          maxLength={500}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLInputElement).value)}
        />
        <button type="submit" disabled={!chosen}>
          Remove from the room
        </button>
      </form>
      {room.removals.length > 0 && (
        <ul aria-label="Removed users">
          {room.removals.map((r) => (
            <li key={r.userId}>
              {r.userName ?? r.userId} kept out until {new Date(r.until).toLocaleString()}
              {r.reason ? ` (${r.reason})` : ''}{' '}
              <button type="button" class="link" onClick={() => done(admin.readmit(room.name, r.userId))}>
                Let back in
              </button>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Latest messages</summary>
        <ul class="admin-messages">
          {messages.map((m) => (
            <li key={m.id}>
              <strong>{m.user.name}</strong>: {m.body}{' '}
              <button type="button" class="link" onClick={() => done(admin.deleteMessage(room.name, m.id))}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}

function UsersSection({ act, version }: { act: Act; version: number }) {
  const users = usePolled<OnlineUser[]>(admin.users, String(version), 5000);
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Online now</h2>
      {users?.length === 0 && <p class="empty">Nobody is online.</p>}
      <ul class="admin-list" aria-label="Online users">
        {users?.map((user) => (
          <li key={user.id}>
            <strong>{user.name}</strong> <span class="muted">in {user.rooms.map((r) => `#${r.room} (${r.connections})`).join(', ')}</span>{' '}
            <button type="button" class="link" onClick={() => act(admin.disconnect(user.id))}>
              Disconnect
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AuditSection({ version }: { version: number }) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const latest = usePolled(() => admin.audit(), String(version), 5000);
  useEffect(() => {
    if (latest) {
      setEntries(latest.entries);
      setHasMore(latest.hasMore);
    }
  }, [latest]);
  const older = () =>
    admin.audit(entries[entries.length - 1]?.id).then((page) => {
      setEntries([...entries, ...page.entries]);
      setHasMore(page.hasMore);
    });
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <table class="admin-table" aria-label="Audit log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Room</th>
            <th>Target</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.at).toLocaleString()}</td>
              <td>{e.actor.name}</td>
              <td>{e.action}</td>
              <td>{e.room ? `#${e.room}` : ''}</td>
              <td>{e.target ?? ''}</td>
              <td>{e.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasMore && (
        <button type="button" onClick={older}>
          Older entries
        </button>
      )}
    </section>
  );
}

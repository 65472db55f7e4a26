import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { api, socketUrl } from '../api/http';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

interface Tally {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

interface Usage {
  total: Tally;
  byRoom: (Tally & { room: string })[];
  byUser: (Tally & { user: { id: string; name: string } })[];
  /** admins only: the assistant, each room's AI participants and private catch-ups, per model */
  byParticipant?: (Tally & { participant: string; model: string })[];
}

const number = new Intl.NumberFormat();

export function UsagePage({ session }: { session: Session }) {
  const [total, setTotal] = useState<Tally | null>(null);
  const [usage, setUsage] = useState<Usage | null>(null);
  const [live, setLive] = useState(false);

  useEffect(() => {
    let alive = true;
    const reload = () => api<Usage>('GET', '/api/usage').then((u) => alive && setUsage(u));
    reload().catch(() => {});
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout>;
    const connect = () => {
      socket = new WebSocket(socketUrl('/ws/usage', { access_token: session.token }));
      socket.onopen = () => setLive(true);
      socket.onmessage = (event) => {
        const frame = JSON.parse(event.data as string);
        if (frame.type === 'usage') {
          setTotal(frame.total);
          reload().catch(() => {});
        }
      };
      socket.onclose = () => {
        setLive(false);
        if (alive) retry = setTimeout(connect, 3000);
      };
    };
    connect();
    return () => {
      alive = false;
      clearTimeout(retry);
      socket?.close();
    };
  }, [session.token]);

  const shown = total ?? usage?.total;
  return (
    <main class="page usage-page">
      <h1>
        Assistant usage <span class={`live-dot${live ? ' on' : ''}`}>{live ? 'live' : 'connecting'}</span>
      </h1>
      <section class="tally" aria-label="Totals">
        <BigNumber label="Total tokens" value={shown?.totalTokens} testId="total-tokens" />
        <BigNumber label="Replies" value={shown?.requests} testId="total-requests" />
        <BigNumber label="Prompt tokens" value={shown?.promptTokens} />
        <BigNumber label="Completion tokens" value={shown?.completionTokens} />
      </section>
      {usage && (
        <div class="charts">
          <UsageChart
            title={session.admin ? 'Tokens by room' : 'Tokens by room (admins only)'}
            labels={usage.byRoom.map((r) => `#${r.room}`)}
            rows={usage.byRoom}
          />
          <UsageChart
            title={session.admin ? 'Tokens by user' : 'Your tokens'}
            labels={usage.byUser.map((u) => u.user.name)}
            rows={usage.byUser}
          />
          {session.admin && usage.byParticipant && (
            <UsageChart
              title="Tokens by AI participant and model"
              labels={usage.byParticipant.map(
                (p) =>
                  `${p.participant === 'assistant' || p.participant === 'catch-up' ? p.participant : `@${p.participant}`} · ${p.model}`,
              )}
              rows={usage.byParticipant}
            />
          )}
        </div>
      )}
    </main>
  );
}

function BigNumber({ label, value, testId }: { label: string; value?: number; testId?: string }) {
  return (
    <div class="big-number">
      <span class="value" data-testid={testId}>
        {value === undefined ? '–' : number.format(value)}
      </span>
      <span class="label">{label}</span>
    </div>
  );
}

function UsageChart({ title, labels, rows }: { title: string; labels: string[]; rows: Tally[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: redraws when the figures change, not on every new array of the same figures
  useEffect(() => {
    const data = {
      labels,
      datasets: [
        { label: 'Prompt', data: rows.map((r) => r.promptTokens), backgroundColor: '#7c8cf8' },
        { label: 'Completion', data: rows.map((r) => r.completionTokens), backgroundColor: '#34b39a' },
      ],
    };
    if (chart.current) {
      chart.current.data = data;
      chart.current.update();
    } else {
      chart.current = new Chart(canvas.current!, {
        type: 'bar',
        data,
        options: {
          indexAxis: 'y',
          animation: false,
          maintainAspectRatio: false,
          scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } },
        },
      });
    }
  }, [labels.join('\u0000'), rows.map((r) => r.totalTokens).join(',')]);

  useEffect(() => () => chart.current?.destroy(), []);

  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {rows.length === 0 ? <p class="empty">Nothing yet.</p> : null}
      <div class="chart-box" style={{ height: `${Math.max(120, rows.length * 36 + 60)}px`, display: rows.length ? 'block' : 'none' }}>
        <canvas ref={canvas} role="img" aria-label={`${title}: ${labels.join(', ')}`} />
      </div>
    </figure>
  );
}

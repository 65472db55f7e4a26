import { useEffect, useState } from 'preact/hooks';
import { type ApiError, api } from '../api/http';
import { ROOM_NAME, roomHref } from './router';
import { ago } from './time';

interface RoomSummary {
  name: string;
  title?: string;
  online: number;
  lastSeq: number;
  lastActivityAt?: string | null;
  /** messages of others after your read marker; absent in rooms you never read */
  unread?: number;
  /** how many of those mention you */
  mentions?: number;
}

const REFRESH_MS = 5000;

export function RoomsPage() {
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');

  useEffect(() => {
    let alive = true;
    const load = () =>
      api<RoomSummary[]>('GET', '/api/rooms')
        .then((r) => {
          if (alive) {
            setRooms(r);
            setError(null);
          }
        })
        .catch((e: ApiError) => alive && setError(e.message));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);

  const wanted = name.trim().toLowerCase().replace(/\s+/g, '-');
  const valid = ROOM_NAME.test(wanted);

  return (
    <main class="page rooms-page">
      <h1>Rooms</h1>
      <form
        class="join-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) window.location.hash = roomHref(wanted);
        }}
      >
        <label for="room-name">Join or create a room</label>
        <div class="row">
          <input
            id="room-name"
            placeholder="e.g. design-review"
            value={name}
            maxLength={64}
            aria-invalid={name !== '' && !valid}
            aria-describedby="room-name-help"
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <button class="primary" type="submit" disabled={!valid}>
            Join
          </button>
        </div>
        <small id="room-name-help">Lowercase letters, digits and dashes.</small>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {rooms === null && !error && <p>Loading rooms…</p>}
      {rooms !== null && rooms.length === 0 && <p class="empty">No rooms yet. Name one above to start it.</p>}
      <ul class="room-list" aria-label="Rooms">
        {rooms?.map((room) => (
          <li key={room.name}>
            <a href={roomHref(room.name)} class={`room-card${room.mentions ? ' mentioned' : ''}`}>
              <span class="room-name">
                #{room.title || room.name}
                {room.mentions ? (
                  <span class="mention-badge" title={`${room.mentions} mention you`}>
                    @{room.mentions}
                  </span>
                ) : null}
                {room.unread ? (
                  <span class="unread-badge" title={`${room.unread} unread`}>
                    {room.unread}
                  </span>
                ) : null}
              </span>
              <span class="room-meta">
                <span class={`online${room.online > 0 ? ' live' : ''}`}>{room.online} online</span>
                <span>{room.lastSeq} messages</span>
                <span>{ago(room.lastActivityAt)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}

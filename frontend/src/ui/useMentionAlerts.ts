// Mentions that reach a person who is not looking: the tab title counts them, and a browser
// notification shows each one when the person allowed it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { mentions } from '../chat/mentions';
import type { User } from '../chat/protocol';
import type { Entry } from '../chat/roomState';

const TITLE = 'Parley';

export function useMentionAlerts(entries: Entry[], you: User | null, room: string) {
  const seen = useRef<Set<string> | null>(null);
  const [unseen, setUnseen] = useState(0);
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'denied' : Notification.permission));

  useEffect(() => {
    if (!you) return;
    const ids = new Set(entries.map((e) => e.id));
    if (seen.current === null) {
      seen.current = ids; // what was there when the room opened is not news
      return;
    }
    const known = seen.current;
    const fresh = entries.filter((e) => !known.has(e.id) && e.user.id !== you.id && e.seq !== null && mentions(e.body, you.name));
    seen.current = ids;
    if (fresh.length === 0 || document.visibilityState === 'visible') return;
    setUnseen((n) => n + fresh.length);
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      for (const e of fresh) new Notification(`${e.user.name} mentioned you in #${room}`, { body: e.body.slice(0, 200), tag: e.id });
    }
  }, [entries, you, room]);

  useEffect(() => {
    document.title = unseen > 0 ? `(${unseen}) #${room} · ${TITLE}` : `#${room} · ${TITLE}`;
  }, [unseen, room]);

  useEffect(() => {
    const visible = () => document.visibilityState === 'visible' && setUnseen(0);
    document.addEventListener('visibilitychange', visible);
    return () => {
      document.removeEventListener('visibilitychange', visible);
      document.title = TITLE;
    };
  }, []);

  return {
    canAsk: permission === 'default',
    ask: () => Notification.requestPermission().then(setPermission),
  };
}

// Hash routes keep every screen reachable from `/` without server-side fallbacks.
import { useEffect, useState } from 'preact/hooks';

export type Route = { page: 'rooms' } | { page: 'room'; room: string } | { page: 'usage' } | { page: 'admin' };

export const ROOM_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'usage') return { page: 'usage' };
  if (path === 'admin') return { page: 'admin' };
  const room = /^rooms\/(.+)$/.exec(path)?.[1];
  if (room && ROOM_NAME.test(room)) return { page: 'room', room };
  return { page: 'rooms' };
}

export function roomHref(room: string): string {
  return `#/rooms/${room}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}

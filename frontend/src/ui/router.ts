// Hash routes keep every screen reachable from `/` without server-side fallbacks.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'rooms' }
  | { page: 'room'; room: string; seq?: number }
  | { page: 'usage' }
  | { page: 'admin' }
  | { page: 'search'; q: string };

export const ROOM_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'usage') return { page: 'usage' };
  if (path === 'admin') return { page: 'admin' };
  const search = /^search\/(.*)$/.exec(path);
  if (search) return { page: 'search', q: safeDecode(search[1]) };
  const [, room, seq] = /^rooms\/([^/]+)(?:\/(\d{1,15}))?$/.exec(path) ?? [];
  if (room && ROOM_NAME.test(room)) return seq ? { page: 'room', room, seq: Number(seq) } : { page: 'room', room };
  return { page: 'rooms' };
}

export function roomHref(room: string, seq?: number): string {
  return seq === undefined ? `#/rooms/${room}` : `#/rooms/${room}/${seq}`;
}

export function searchHref(q: string): string {
  return `#/search/${encodeURIComponent(q)}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
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

import { useEffect, useState } from 'react';

/** The current `#/path` route; navigation is `location.hash = '#/x'`. */
export function useHashRoute(): [string, (path: string) => void] {
  const read = () => (window.location.hash.startsWith('#/') ? window.location.hash.slice(1) : '/');
  const [path, setPath] = useState(read);
  useEffect(() => {
    const onChange = () => setPath(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return [path, (next) => void (window.location.hash = `#${next}`)];
}

/** The `?key=value` part of the current `#/path?…` address (drill-downs carry their filters there). */
export function hashQuery(): URLSearchParams {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : hash.slice(at + 1));
}

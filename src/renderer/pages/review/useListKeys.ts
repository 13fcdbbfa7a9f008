/** Keyboard use of a list page: "/" focuses the search box, j/k or the arrow keys
 *  move a highlighted row, Enter opens it. Keys typed into a field are left alone. */
import { useEffect, useRef, useState, type RefObject } from 'react';

interface Focusable {
  focus: () => void;
}

export function useListKeys<T>(rows: readonly T[], open: (row: T) => void, search: RefObject<Focusable | null>) {
  const [active, setActive] = useState(0);
  const state = useRef({ rows, open, active });
  state.current = { rows, open, active };

  useEffect(() => {
    if (active > 0 && active >= rows.length) setActive(Math.max(0, rows.length - 1));
  }, [rows.length, active]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const { rows: list, open: openRow, active: index } = state.current;
      if (e.key === '/') {
        e.preventDefault();
        search.current?.focus();
      } else if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        setActive(Math.min(list.length - 1, index + 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive(Math.max(0, index - 1));
      } else if (e.key === 'Enter' && list[index] !== undefined) {
        e.preventDefault();
        openRow(list[index]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [search]);

  return { active, setActive };
}

/** Keyboard for list pages: '/' focuses the search box, j/k or ArrowDown/ArrowUp
 *  move the highlighted row, Enter opens it. Ignored while typing in a field. */
import { useEffect, useRef, useState } from 'react';
import type { InputRef } from 'antd';

export function useListKeys<T>(rows: readonly T[], open: (row: T) => void) {
  const searchRef = useRef<InputRef>(null);
  const [highlighted, setHighlighted] = useState(-1);
  const state = useRef({ rows, open, highlighted });
  state.current = { rows, open, highlighted };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing =
        !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('.ant-modal-wrap, .ant-drawer-open'))
        return;
      const { rows: current, highlighted: h } = state.current;
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        setHighlighted(Math.min(current.length - 1, h + 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        setHighlighted(Math.max(0, h - 1));
      } else if (e.key === 'Enter' && h >= 0 && current[h]) {
        e.preventDefault();
        state.current.open(current[h]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return { searchRef, highlighted, setHighlighted };
}

/** The keyboard of every list: "/" focuses its search box, j/k or ArrowDown/ArrowUp
 *  move the highlighted row, Enter opens it. One rule stops all of it: the user is
 *  typing in a field, holds a modifier, or a dialog or drawer is visible (a closed
 *  antd modal left in the page does not count). `active` switches a hidden tab's
 *  list off. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputRef } from 'antd';

export interface ListKeysOptions {
  /** Whether this list has the keyboard (false for a tab that is not shown). */
  active?: boolean;
  /** The row highlighted before any key (-1: none). */
  initial?: number;
}

/** The class the highlighted row gets, and its look (rendered once by the shell). */
export const ACTIVE_ROW_CLASS = 'ld-row-active';
export const ACTIVE_ROW_CSS = `.${ACTIVE_ROW_CLASS} > .ant-table-cell { background: #e6f4ff !important; } .${ACTIVE_ROW_CLASS} > .ant-table-cell:first-child { box-shadow: inset 3px 0 0 #1677ff; }`;

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable);
}

function shown(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement)
    if (getComputedStyle(node).display === 'none') return false;
  return true;
}

/** Whether a dialog or a drawer is on screen. */
export function overlayShown(doc: Document = document): boolean {
  return [...doc.querySelectorAll('.ant-modal-wrap, .ant-drawer-open')].some(shown);
}

export function useListKeys<T>(
  rows: readonly T[] | undefined,
  open: (row: T) => void,
  { active = true, initial = -1 }: ListKeysOptions = {},
) {
  const searchRef = useRef<InputRef>(null);
  const [index, setIndex] = useState(initial);
  const state = useRef({ rows, open, index });
  state.current = { rows, open, index };
  /** Set by a key that moved the highlight: only then is the row scrolled into view
   *  (on opening, scrolling would move the whole window). */
  const moved = useRef(false);
  const count = rows?.length ?? 0;

  // A shorter list keeps the highlight on a row that exists.
  useEffect(() => {
    if (index >= count) setIndex(count > 0 ? Math.min(index, count - 1) : initial);
  }, [count, index, initial]);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey || overlayShown()) return;
      const { rows: list = [], open: openRow, index: i } = state.current;
      if (e.key === '/') {
        if (!searchRef.current) return;
        e.preventDefault();
        searchRef.current.focus();
      } else if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        moved.current = true;
        setIndex(Math.min(list.length - 1, i + 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        moved.current = true;
        setIndex(Math.max(0, i - 1));
      } else if (e.key === 'Enter' && i >= 0 && list[i] !== undefined) {
        e.preventDefault();
        openRow(list[i]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  useEffect(() => {
    if (!moved.current || index < 0) return;
    moved.current = false;
    document.querySelector(`.${ACTIVE_ROW_CLASS}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [index]);

  const rowClassName = useCallback((_: T, i: number) => (i === index ? ACTIVE_ROW_CLASS : ''), [index]);
  return { searchRef, index, setIndex, rowClassName };
}

// @vitest-environment jsdom
/** The one list keyboard: each rule that decides whether a key acts. */
import { act, renderHook } from '@testing-library/react';
import { useListKeys } from './useListKeys';

const rows = ['a', 'b', 'c'];

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): void {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
  });
}

function setup(options?: Parameters<typeof useListKeys>[2], list: readonly string[] = rows) {
  const opened: string[] = [];
  const hook = renderHook(({ l }) => useListKeys(l, (r) => opened.push(r), options), { initialProps: { l: list } });
  const focus = vi.fn();
  (hook.result.current.searchRef as { current: unknown }).current = { focus };
  return { hook, opened, focus };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('useListKeys', () => {
  it('moves with j/k and the arrows, within the list, and opens the highlighted row with Enter', () => {
    const { hook, opened } = setup();
    press('Enter');
    expect(opened).toEqual([]); // nothing highlighted yet
    press('j');
    press('ArrowDown');
    expect(hook.result.current.index).toBe(1);
    press('j');
    press('j');
    expect(hook.result.current.index).toBe(2); // stops at the last row
    press('k');
    press('ArrowUp');
    press('ArrowUp');
    expect(hook.result.current.index).toBe(0);
    press('Enter');
    expect(opened).toEqual(['a']);
    expect(hook.result.current.rowClassName('a', 0)).toBe('ld-row-active');
    expect(hook.result.current.rowClassName('b', 1)).toBe('');
  });

  it('focuses the search box with "/"', () => {
    const { focus } = setup();
    press('/');
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('leaves keys typed into a field alone', () => {
    const { hook, opened, focus } = setup({ initial: 0 });
    const input = document.body.appendChild(document.createElement('input'));
    for (const key of ['j', '/', 'Enter']) press(key, {}, input);
    const area = document.body.appendChild(document.createElement('textarea'));
    press('k', {}, area);
    expect(hook.result.current.index).toBe(0);
    expect(opened).toEqual([]);
    expect(focus).not.toHaveBeenCalled();
  });

  it('ignores keys with a modifier (the browser and the menu own those)', () => {
    const { hook, opened } = setup({ initial: 0 });
    press('j', { ctrlKey: true });
    press('Enter', { metaKey: true });
    press('k', { altKey: true });
    expect(hook.result.current.index).toBe(0);
    expect(opened).toEqual([]);
  });

  it('stops while a dialog or a drawer is visible, and not for a closed dialog left in the page', () => {
    const { hook, opened, focus } = setup({ initial: 0 });
    const closed = document.body.appendChild(document.createElement('div'));
    closed.className = 'ant-modal-wrap';
    closed.style.display = 'none';
    press('j');
    expect(hook.result.current.index).toBe(1);

    const dialog = document.body.appendChild(document.createElement('div'));
    dialog.className = 'ant-modal-wrap';
    press('j');
    press('Enter');
    press('/');
    expect(hook.result.current.index).toBe(1);
    expect(opened).toEqual([]);
    expect(focus).not.toHaveBeenCalled();
    dialog.remove();

    const drawer = document.body.appendChild(document.createElement('div'));
    drawer.className = 'ant-drawer ant-drawer-open';
    press('k');
    expect(hook.result.current.index).toBe(1);
    drawer.remove();
    press('k');
    expect(hook.result.current.index).toBe(0);
  });

  it('is off while its list is not shown (another tab)', () => {
    const { hook, opened, focus } = setup({ active: false, initial: 0 });
    press('j');
    press('Enter');
    press('/');
    expect(hook.result.current.index).toBe(0);
    expect(opened).toEqual([]);
    expect(focus).not.toHaveBeenCalled();
  });

  it('scrolls the highlighted row into view after a key moved it, never on opening (that moved the window)', () => {
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    document.body.appendChild(document.createElement('div')).className = 'ld-row-active';
    setup({ initial: 0 });
    expect(scrolled).not.toHaveBeenCalled();
    press('j');
    expect(scrolled).toHaveBeenCalledTimes(1);
    expect(scrolled).toHaveBeenCalledWith({ block: 'nearest' });
  });

  it('keeps the highlight on a row that exists when the list gets shorter', () => {
    const { hook } = setup({ initial: 2 });
    hook.rerender({ l: ['a'] });
    expect(hook.result.current.index).toBe(0);
  });
});

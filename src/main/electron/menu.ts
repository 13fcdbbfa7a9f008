/** The application menu: the standard Edit roles on every platform (without them
 *  copy, paste, undo and select-all do nothing in any field on macOS), the macOS app
 *  and Window menus, and View → Reload only in development. Labels follow the OS
 *  language, as native menus do. */
import type { MenuItemConstructorOptions } from 'electron';

export type MenuLanguage = 'zh-CN' | 'en';

export interface MenuOptions {
  platform: NodeJS.Platform;
  isDev: boolean;
  language: MenuLanguage;
  appName: string;
}

const LABELS = {
  'zh-CN': {
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    window: '窗口',
  },
  en: {
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    window: 'Window',
  },
} as const;

export const EDIT_ROLES = ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'] as const;

/** zh-CN for a Chinese OS locale ("zh-CN", "zh-TW", "zh"), English otherwise. */
export function menuLanguage(locale: string): MenuLanguage {
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const l = LABELS[options.language];
  const mac = options.platform === 'darwin';
  const edit: MenuItemConstructorOptions = {
    label: l.edit,
    submenu: [
      { role: 'undo', label: l.undo },
      { role: 'redo', label: l.redo },
      { type: 'separator' },
      { role: 'cut', label: l.cut },
      { role: 'copy', label: l.copy },
      { role: 'paste', label: l.paste },
      { type: 'separator' },
      { role: 'selectAll', label: l.selectAll },
    ],
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ label: options.appName, role: 'appMenu' });
  template.push(edit);
  if (options.isDev) template.push({ label: l.view, submenu: [{ role: 'reload', label: l.reload }] });
  if (mac) template.push({ label: l.window, role: 'windowMenu' });
  return template;
}

/** Messages of the desktop conventions: one LoanDesk per profile, saving files
 *  (zh-CN, and en with the same keys). */
export const desktopZhCN = {
  'vault.inUseTitle': '配置文件正在使用中',
  'vault.inUseHint':
    '请先关闭另一个 LoanDesk（桌面应用窗口、浏览器模式的终端或命令行），再重新启动本程序。数据未被改动。',
  'profileLock.kind.electron': '桌面应用',
  'profileLock.kind.browser': '浏览器模式',
  'profileLock.kind.cli': '命令行',
  'error.PROFILE_IN_USE':
    '此配置文件正被另一个 LoanDesk 使用（{kind}，进程 {pid}，{since} 起）。同一时间只能有一个 LoanDesk 写入它。',
  'error.DB_SCHEMA_OUTDATED': '数据库结构需要升级：请先启动一次 LoanDesk。',
  'error.NATIVE_SAVE_UNAVAILABLE': '当前运行方式无法弹出保存对话框。',
  'files.saved': '已保存：{path}',
} as const;

export const desktopEn: Record<keyof typeof desktopZhCN, string> = {
  'vault.inUseTitle': 'The profile is in use',
  'vault.inUseHint':
    'Close the other LoanDesk (the desktop window, the browser-mode terminal or the command), then start this one again. No data was changed.',
  'profileLock.kind.electron': 'the desktop app',
  'profileLock.kind.browser': 'browser mode',
  'profileLock.kind.cli': 'the command line',
  'error.PROFILE_IN_USE':
    'This profile is in use by another LoanDesk ({kind}, process {pid}, since {since}). Only one LoanDesk at a time may write to it.',
  'error.DB_SCHEMA_OUTDATED': 'The database needs an upgrade: start LoanDesk once first.',
  'error.NATIVE_SAVE_UNAVAILABLE': 'This way of running LoanDesk cannot show a save dialog.',
  'files.saved': 'Saved: {path}',
};

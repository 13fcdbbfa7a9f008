/** How the command line says that another LoanDesk holds the profile: one English and
 *  one Chinese line naming the holder, and a stable exit status scripts can test. */

/** EX_TEMPFAIL (sysexits.h): the command may succeed once the other process closes. */
export const EXIT_PROFILE_IN_USE = 75;

const KIND_EN: Record<string, string> = {
  electron: 'the LoanDesk desktop app',
  browser: 'LoanDesk in browser mode',
  cli: 'another loandesk command',
};
const KIND_ZH: Record<string, string> = {
  electron: 'LoanDesk 桌面应用',
  browser: 'LoanDesk（浏览器模式）',
  cli: 'loandesk 命令行',
};

/** "2026-03-02 10:00:00" in the machine's time zone, or the text as given. */
function localTime(iso: unknown): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) return String(iso ?? '?');
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function profileInUseLines(command: string, details: Record<string, unknown>): [string, string] {
  const kind = String(details.kind ?? '');
  const pid = String(details.pid ?? '?');
  const since = localTime(details.since);
  return [
    `loandesk ${command}: PROFILE_IN_USE: the profile is open in ${KIND_EN[kind] ?? 'another LoanDesk'} (pid ${pid}, since ${since}); close it and run the command again. Read-only commands (verify, trial-balance, export) run beside it.`,
    `loandesk ${command}: 配置文件正被 ${KIND_ZH[kind] ?? '另一个 LoanDesk'}使用（进程 ${pid}，${since} 起）；请先关闭它，再重新运行此命令。只读命令（verify、trial-balance、export）可以同时运行。`,
  ];
}

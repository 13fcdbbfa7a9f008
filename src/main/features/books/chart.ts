/** The company's chart of accounts as it stands: core's defaults with the rows the
 *  chart's events wrote (renamed, renumbered, deactivated or added accounts). */
import type { LocalDb } from '../../db/connection';
import { defaultChart, sortChart, type ChartAccount } from '../../../core/accounting/chart';
import type { AccountType } from '../../../core/posting/accounts';

interface AccountRow {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  type: string;
  parentId: string | null;
  system: number;
  active: number;
  version: number;
}

/** Every account in chart order (parents before their sub-accounts), with its
 *  version (0 for a default never changed). */
export function readChart(db: LocalDb): Array<ChartAccount & { version: number }> {
  const rows = db.$client
    .prepare(
      'SELECT id, code, name_zh AS nameZh, name_en AS nameEn, type, parent_id AS parentId, system, active, version FROM accounts',
    )
    .all() as AccountRow[];
  const byId = new Map<string, ChartAccount & { version: number }>(
    defaultChart().map((a) => [a.id, { ...a, version: 0 }]),
  );
  for (const r of rows)
    byId.set(r.id, {
      id: r.id,
      code: r.code,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      type: r.type as AccountType,
      parentId: r.parentId,
      system: r.system === 1,
      active: r.active === 1,
      version: r.version,
    });
  const sorted = sortChart([...byId.values()]);
  return sorted.map((a) => byId.get(a.id)!);
}

/** Whether a journal line may name the account (any account of the chart). */
export function knownIn(chart: readonly ChartAccount[]): (accountId: string) => boolean {
  const ids = new Set(chart.map((a) => a.id));
  return (id) => ids.has(id);
}

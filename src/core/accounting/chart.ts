/** The company's chart of accounts (科目表): the defaults of core/posting/accounts.ts,
 *  renamed, renumbered or extended with sub-accounts by an administrator. Every
 *  account keeps an id for life (a default's id is its default code; an added one's
 *  is the code it was first given), so journal lines never change when a code does.
 *  A parent account's balance is its own plus its sub-accounts'. */
import { DomainError } from '../errors';
import { CHART_OF_ACCOUNTS, type AccountType } from '../posting/accounts';

export interface ChartAccount {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  type: AccountType;
  parentId: string | null;
  /** A default account: the posting rules post to it; its type cannot change and it
   *  cannot be deactivated. */
  system: boolean;
  active: boolean;
}

/** Four digits, then up to two levels of two digits: 1002, 1002.01, 6602.01.03. */
export const ACCOUNT_CODE_PATTERN = /^\d{4}(\.\d{2}){0,2}$/;
export const MAX_ACCOUNTS = 2000;

export function defaultChart(): ChartAccount[] {
  return CHART_OF_ACCOUNTS.map((a) => ({
    id: a.code,
    code: a.code,
    nameZh: a.nameZh,
    nameEn: a.nameEn,
    type: a.type,
    parentId: a.parent ?? null,
    system: true,
    active: true,
  }));
}

/** The debit-positive balance of an account type is shown on this side. */
export function normalSide(type: AccountType): 'debit' | 'credit' {
  return type === 'asset' || type === 'expense' ? 'debit' : 'credit';
}

/** Accounts in code order, each parent before its sub-accounts. */
export function sortChart(chart: readonly ChartAccount[]): ChartAccount[] {
  const byParent = new Map<string | null, ChartAccount[]>();
  for (const a of chart) {
    const key = a.parentId && chart.some((p) => p.id === a.parentId) ? a.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), a]);
  }
  const out: ChartAccount[] = [];
  const visit = (parent: string | null) => {
    for (const a of (byParent.get(parent) ?? []).sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))) {
      out.push(a);
      visit(a.id);
    }
  };
  visit(null);
  return out;
}

/** How deep an account sits (0 for a top-level account). */
export function depthOf(chart: readonly ChartAccount[], id: string): number {
  let depth = 0;
  let current = chart.find((a) => a.id === id);
  while (current?.parentId && depth < 10) {
    current = chart.find((a) => a.id === current!.parentId);
    depth++;
  }
  return depth;
}

/** Each account's balance with its sub-accounts' added (debit-positive fen). */
export function rollUp(chart: readonly ChartAccount[], own: ReadonlyMap<string, number>): Map<string, number> {
  const total = new Map<string, number>();
  for (const a of chart) total.set(a.id, 0);
  for (const [id, fen] of own) {
    let current: string | null = id;
    const seen = new Set<string>();
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      total.set(current, (total.get(current) ?? 0) + fen);
      current = chart.find((a) => a.id === current)?.parentId ?? null;
    }
  }
  return total;
}

export function hasChildren(chart: readonly ChartAccount[], id: string): boolean {
  return chart.some((a) => a.parentId === id);
}

/** The id and every sub-account's id below it. */
export function withDescendants(chart: readonly ChartAccount[], id: string): string[] {
  const out = [id];
  for (let k = 0; k < out.length && k < MAX_ACCOUNTS; k++)
    for (const a of chart) if (a.parentId === out[k] && !out.includes(a.id)) out.push(a.id);
  return out;
}

export interface AccountDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  parentId: string | null;
  /** Required for a top-level account; a sub-account takes its parent's. */
  type?: AccountType;
}

/** The account an administrator adds: its code unused (as a code or an id), its
 *  parent known, its type its parent's. Returns the new account (id = code). */
export function defineAccount(chart: readonly ChartAccount[], d: AccountDefinition): ChartAccount {
  if (!ACCOUNT_CODE_PATTERN.test(d.code)) throw new DomainError('ACCOUNT_CODE_FORMAT', { field: 'code' });
  if (chart.length >= MAX_ACCOUNTS) throw new DomainError('ACCOUNT_LIMIT', { max: MAX_ACCOUNTS });
  if (chart.some((a) => a.code === d.code || a.id === d.code))
    throw new DomainError('ACCOUNT_CODE_TAKEN', { field: 'code', code: d.code });
  let type = d.type;
  if (d.parentId !== null) {
    const parent = chart.find((a) => a.id === d.parentId);
    if (!parent) throw new DomainError('ACCOUNT_UNKNOWN', { field: 'parentId', accountId: d.parentId });
    if (depthOf(chart, parent.id) >= 2) throw new DomainError('ACCOUNT_TOO_DEEP', { field: 'parentId' });
    type = parent.type;
  }
  if (!type) throw new DomainError('ACCOUNT_TYPE_REQUIRED', { field: 'type' });
  return {
    id: d.code,
    code: d.code,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    type,
    parentId: d.parentId,
    system: false,
    active: true,
  };
}

export interface AccountChange {
  code?: string;
  nameZh?: string;
  nameEn?: string;
  active?: boolean;
}

/** An account renamed, renumbered or (an added one) deactivated. */
export function changeAccount(chart: readonly ChartAccount[], id: string, change: AccountChange): ChartAccount {
  const account = chart.find((a) => a.id === id);
  if (!account) throw new DomainError('ACCOUNT_UNKNOWN', { accountId: id });
  if (change.code !== undefined && change.code !== account.code) {
    if (!ACCOUNT_CODE_PATTERN.test(change.code)) throw new DomainError('ACCOUNT_CODE_FORMAT', { field: 'code' });
    if (chart.some((a) => a.id !== id && (a.code === change.code || a.id === change.code)))
      throw new DomainError('ACCOUNT_CODE_TAKEN', { field: 'code', code: change.code });
  }
  if (change.active === false && account.system) throw new DomainError('ACCOUNT_SYSTEM', { accountId: id });
  return {
    ...account,
    code: change.code ?? account.code,
    nameZh: change.nameZh ?? account.nameZh,
    nameEn: change.nameEn ?? account.nameEn,
    active: change.active ?? account.active,
  };
}

/** Whether a manual entry may post to the account: active, and a leaf or a default
 *  account (the rules post to those whether or not they have sub-accounts). */
export function postable(chart: readonly ChartAccount[], id: string): 'ok' | 'unknown' | 'inactive' | 'notLeaf' {
  const a = chart.find((x) => x.id === id);
  if (!a) return 'unknown';
  if (!a.active) return 'inactive';
  if (!a.system && hasChildren(chart, id)) return 'notLeaf';
  return 'ok';
}

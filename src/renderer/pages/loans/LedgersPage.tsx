/** The ledgers (台账): loans, disbursements, repayments, overdue, journal, trial
 *  balance and daily summary, one tab each (`#/ledgers/<tab>`). The trial balance
 *  drills into the journal filtered by account; a dashboard drills in with the
 *  filters in the address (`#/ledgers/<tab>?from=&to=&branch=&product=&officer=
 *  &account=&status=&bucket=&class=`). */
import { useState } from 'react';
import { Spin, Tabs, Tag } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { EPOCH, LEDGER_CSS, presetRange, useBusinessDate, type DateRange } from './hooks';
import { LoanLedgerTab } from './LoanLedgerTab';
import { TransactionLedgerTab } from './TransactionLedgerTab';
import { JournalTab } from './JournalTab';
import { TrialBalanceTab } from './TrialBalanceTab';
import { DailyTab } from './DailyTab';
import { hashQuery } from '../../app/useHashRoute';
import { isValidDate } from '../../../core/dates';
import type { Bucket, Classification, LoanStatus } from './parts';
import { formatDateTime } from '../../components/dates';

/** Filters a drill-down brought in the address. */
export interface LedgerDrill {
  range?: DateRange;
  scope: { branchId?: string; productId?: string; officerId?: string };
  accountCode?: string;
  status?: LoanStatus[];
  bucket?: Bucket[];
  classification?: Classification[];
}

const UUID = /^[0-9a-f-]{36}$/i;

export function drillFromQuery(q: URLSearchParams): LedgerDrill {
  const from = q.get('from');
  const to = q.get('to');
  const id = (key: string) => {
    const v = q.get(key);
    return v && UUID.test(v) ? v : undefined;
  };
  const list = <T extends string>(key: string, allowed: readonly string[]) => {
    const values = (q.get(key) ?? '').split(',').filter((v) => allowed.includes(v));
    return values.length ? (values as T[]) : undefined;
  };
  const account = q.get('account');
  return {
    range: from && to && isValidDate(from) && isValidDate(to) && from <= to ? { from, to } : undefined,
    scope: { branchId: id('branch'), productId: id('product'), officerId: id('officer') },
    accountCode: account && /^\d{4}(\.\d{2})?$/.test(account) ? account : undefined,
    status: list<LoanStatus>('status', ['approved', 'active', 'closed', 'written_off']),
    bucket: list<Bucket>('bucket', ['M0', 'M1', 'M2', 'M3', 'M4+']),
    classification: list<Classification>('class', ['normal', 'specialMention', 'substandard', 'doubtful', 'loss']),
  };
}

export const LEDGER_TABS = ['loans', 'disbursements', 'repayments', 'overdue', 'journal', 'trial', 'daily'] as const;
export type LedgerTab = (typeof LEDGER_TABS)[number];

export function LedgersPage({ tab }: { tab?: string }) {
  const businessDate = useBusinessDate();
  if (!businessDate) return <Spin />;
  return (
    <Ledgers
      tab={(LEDGER_TABS as readonly string[]).includes(tab ?? '') ? (tab as LedgerTab) : 'loans'}
      businessDate={businessDate}
    />
  );
}

function Ledgers({ tab, businessDate }: { tab: LedgerTab; businessDate: string }) {
  const { t } = useI18n();
  const [drill, setDrill] = useState<LedgerDrill>(() => drillFromQuery(hashQuery()));
  const [range, setRange] = useState<DateRange>(() => drill.range ?? presetRange('month', businessDate));
  const [journalRange, setJournalRange] = useState<DateRange>(() => drill.range ?? presetRange('month', businessDate));
  const [accountCode, setAccountCode] = useState<string | undefined>(drill.accountCode);
  const scoped = Object.values(drill.scope).some(Boolean);
  const go = (next: LedgerTab) => (window.location.hash = `#/ledgers/${next}`);
  const drillToJournal = (code: string, date: string) => {
    setAccountCode(code);
    setJournalRange({ from: EPOCH, to: date });
    go('journal');
  };
  const pane = (key: LedgerTab) => {
    const active = tab === key;
    switch (key) {
      case 'loans':
      case 'overdue':
        return (
          <LoanLedgerTab
            key={key}
            overdue={key === 'overdue'}
            active={active}
            businessDate={businessDate}
            scope={drill.scope}
            initialFilters={{ status: drill.status, bucket: drill.bucket, classification: drill.classification }}
          />
        );
      case 'disbursements':
      case 'repayments':
        return (
          <TransactionLedgerTab
            key={key}
            kind={key}
            active={active}
            range={range}
            onRange={setRange}
            businessDate={businessDate}
            scope={drill.scope}
          />
        );
      case 'journal':
        return (
          <JournalTab
            active={active}
            range={journalRange}
            onRange={setJournalRange}
            accountCode={accountCode}
            onAccount={setAccountCode}
            businessDate={businessDate}
          />
        );
      case 'trial':
        return <TrialBalanceTab active={active} businessDate={businessDate} onDrill={drillToJournal} />;
      case 'daily':
        return <DailyTab active={active} range={range} onRange={setRange} businessDate={businessDate} />;
    }
  };
  return (
    <div className="ld-page">
      <style>{LEDGER_CSS}</style>
      <PageHeader
        title={`${t('ledger.title')} · ${t(`ledger.tab.${tab}`)}`}
        extra={
          scoped && (
            <Tag
              color="blue"
              closable
              onClose={() => setDrill((d) => ({ ...d, scope: {} }))}
              data-testid="ledger-drill-scope"
            >
              {t('ledger.drillScope')}
            </Tag>
          )
        }
      />
      <div className="ld-print-only" style={{ fontSize: 11, marginBottom: 4 }}>
        {t('ledger.printedAt', { at: formatDateTime(new Date()), date: businessDate })}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => go(k as LedgerTab)}
        data-testid="ledger-tabs"
        items={LEDGER_TABS.map((key) => ({
          key,
          label: <span data-testid={`ledger-tab-${key}`}>{t(`ledger.tab.${key}`)}</span>,
          children: pane(key),
        }))}
      />
    </div>
  );
}

/** The ledgers (台账): loans, disbursements, repayments, overdue, journal, trial
 *  balance and daily summary, one tab each (`#/ledgers/<tab>`). The trial balance
 *  drills into the journal filtered by account. */
import { useState } from 'react';
import { Spin, Tabs } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { EPOCH, LEDGER_CSS, presetRange, useBusinessDate, type DateRange } from './hooks';
import { LoanLedgerTab } from './LoanLedgerTab';
import { TransactionLedgerTab } from './TransactionLedgerTab';
import { JournalTab } from './JournalTab';
import { TrialBalanceTab } from './TrialBalanceTab';
import { DailyTab } from './DailyTab';

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
  const { t, language } = useI18n();
  const [range, setRange] = useState<DateRange>(() => presetRange('month', businessDate));
  const [journalRange, setJournalRange] = useState<DateRange>(() => presetRange('month', businessDate));
  const [accountCode, setAccountCode] = useState<string | undefined>();
  const go = (next: LedgerTab) => (window.location.hash = `#/ledgers/${next}`);
  const drill = (code: string, date: string) => {
    setAccountCode(code);
    setJournalRange({ from: EPOCH, to: date });
    go('journal');
  };
  const pane = (key: LedgerTab) => {
    const active = tab === key;
    switch (key) {
      case 'loans':
      case 'overdue':
        return <LoanLedgerTab key={key} overdue={key === 'overdue'} active={active} businessDate={businessDate} />;
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
        return <TrialBalanceTab active={active} businessDate={businessDate} onDrill={drill} />;
      case 'daily':
        return <DailyTab active={active} range={range} onRange={setRange} businessDate={businessDate} />;
    }
  };
  return (
    <div className="ld-page">
      <style>{LEDGER_CSS}</style>
      <PageHeader title={`${t('ledger.title')} · ${t(`ledger.tab.${tab}`)}`} />
      <div className="ld-print-only" style={{ fontSize: 11, marginBottom: 4 }}>
        {t('ledger.printedAt', { at: new Date().toLocaleString(language), date: businessDate })}
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

/** The printable contract summary (借款合同摘要): parties, amount, rates with the
 *  annualized rate in large type, the schedule and signature lines. Previewed in a
 *  dialog; printed alone (the window hidden) through a body class. */
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button, Modal } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { formatPercent } from '../../components/percent';

type Detail = Api['loans.get']['output'];
const PRINT_CLASS = 'ld-print-contract';

const cell = { border: '1px solid #333', padding: '2px 6px' } as const;
const right = { ...cell, textAlign: 'right' as const };

export function ContractSheet({ detail, copy }: { detail: Detail; copy?: boolean }) {
  const id = (testId: string) => (copy ? undefined : testId);
  const { t, money } = useI18n();
  const status = useApi('app.status', {});
  const { loan } = detail;
  const schedule = detail.installments.length > 0 ? detail.installments : (detail.schedulePreview ?? []);
  const total = (key: 'principalFen' | 'interestFen' | 'paymentFen') => schedule.reduce((sum, i) => sum + i[key], 0);
  const row = (label: string, value: ReactNode) => (
    <tr>
      <th style={{ ...cell, width: '32%', textAlign: 'left', fontWeight: 'normal', background: '#f3f3f3' }}>{label}</th>
      <td style={cell}>{value}</td>
    </tr>
  );
  return (
    <div
      style={{ fontFamily: 'serif', color: '#000', fontSize: 13, lineHeight: 1.6 }}
      data-testid={id('contract-sheet')}
    >
      <h2 style={{ textAlign: 'center', margin: '0 0 4px' }}>{t('loans.contract.title')}</h2>
      <div style={{ textAlign: 'right', marginBottom: 8 }}>
        {t('loans.contract.number')}
        {t('shell.colon')}
        {loan.number}
      </div>
      <table style={{ width: '100%', borderCollapse: 'collapse', marginBottom: 12 }}>
        <tbody>
          {row(t('loans.contract.lender'), status.data?.organisation?.name ?? '')}
          {row(t('loans.contract.borrower'), `${detail.customer?.name ?? ''}（${detail.customer?.number ?? ''}）`)}
          {row(t('loans.contract.residentId'), detail.customer?.residentId ?? '—')}
          {row(t('loans.contract.amount'), <strong>{money(loan.principalFen)}</strong>)}
          {row(t('loans.contract.rate'), formatPercent(loan.rateAnnual))}
          {row(t('loans.contract.upfrontFee'), money(detail.upfrontFeeFen))}
          {row(
            t('loans.contract.term'),
            loan.disbursedOn && loan.maturityDate
              ? t('loans.contract.termValue', { periods: loan.periods, from: loan.disbursedOn, to: loan.maturityDate })
              : t('loans.contract.termPending', { periods: loan.periods }),
          )}
          {row(t('loans.contract.method'), t(`loans.method.${loan.method as 'annuity'}`))}
        </tbody>
      </table>
      <div style={{ border: '2px solid #000', padding: '8px 12px', textAlign: 'center', marginBottom: 12 }}>
        <div style={{ fontSize: 14 }}>{t('loans.contract.annualizedRate')}</div>
        <div style={{ fontSize: 32, fontWeight: 700 }} data-testid={id('contract-annualized-rate')}>
          {formatPercent(loan.annualizedRate)}
        </div>
      </div>
      <p style={{ margin: '0 0 8px' }}>{t('loans.contract.penalty')}</p>
      <h3 style={{ margin: '8px 0 4px' }}>{t('loans.contract.schedule')}</h3>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 12 }}>
        <thead>
          <tr>
            <th style={cell}>{t('loans.schedule.n')}</th>
            <th style={cell}>{t('loans.schedule.dueDate')}</th>
            <th style={cell}>{t('loans.schedule.principal')}</th>
            <th style={cell}>{t('loans.schedule.interest')}</th>
            <th style={cell}>{t('loans.schedule.payment')}</th>
          </tr>
        </thead>
        <tbody>
          {schedule.map((i) => (
            <tr key={i.n}>
              <td style={right}>{i.n}</td>
              <td style={cell}>{i.dueDate}</td>
              <td style={right}>{money(i.principalFen)}</td>
              <td style={right}>{money(i.interestFen)}</td>
              <td style={right}>{money(i.paymentFen)}</td>
            </tr>
          ))}
          <tr style={{ fontWeight: 700 }}>
            <td style={cell} colSpan={2}>
              {t('ledger.total')}
            </td>
            <td style={right}>{money(total('principalFen'))}</td>
            <td style={right}>{money(total('interestFen'))}</td>
            <td style={right}>{money(total('paymentFen'))}</td>
          </tr>
        </tbody>
      </table>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 40, gap: 40 }}>
        {[t('loans.contract.signLender'), t('loans.contract.signBorrower')].map((label) => (
          <div key={label} style={{ flex: 1 }}>
            <div>
              {label}
              {t('shell.colon')}
            </div>
            <div style={{ borderBottom: '1px solid #000', height: 40 }} />
            <div style={{ marginTop: 16 }}>
              {t('loans.contract.date')}
              {t('shell.colon')}
            </div>
            <div style={{ borderBottom: '1px solid #000', height: 24, width: '60%' }} />
          </div>
        ))}
      </div>
    </div>
  );
}

export function printContract(): void {
  const done = () => {
    document.body.classList.remove(PRINT_CLASS);
    window.removeEventListener('afterprint', done);
  };
  document.body.classList.add(PRINT_CLASS);
  window.addEventListener('afterprint', done);
  window.print();
  // Browsers whose print() returns at once still fire afterprint; others return after the dialog.
  setTimeout(done, 1000);
}

/** The preview dialog, and the sheet the printer gets (outside the window's root). */
export function ContractDialog({ open, onClose, detail }: { open: boolean; onClose: () => void; detail: Detail }) {
  const { t } = useI18n();
  return (
    <>
      <Modal
        open={open}
        onCancel={onClose}
        title={t('loans.contract.preview')}
        width={760}
        footer={
          <Button type="primary" icon={<PrinterOutlined />} onClick={printContract} data-testid="contract-print">
            {t('loans.contract.print')}
          </Button>
        }
      >
        <div style={{ border: '1px solid #ddd', padding: 24, background: '#fff', maxHeight: '65vh', overflow: 'auto' }}>
          <ContractSheet detail={detail} />
        </div>
      </Modal>
      {open &&
        createPortal(
          <div className="ld-contract-sheet">
            <ContractSheet detail={detail} copy />
          </div>,
          document.body,
        )}
    </>
  );
}

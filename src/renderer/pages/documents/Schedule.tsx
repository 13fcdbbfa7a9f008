/** The repayment schedule the customer takes home (还款计划表): the contract terms
 *  with the annualized rate as disclosed, every installment with its due date,
 *  amount, principal and interest, and what is already paid. Opened from the loan page. */
import { dayCountName } from '../../components/names';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PrintDialog } from './PrintDialog';
import { CELL, idText, Pairs, RIGHT, SHEET, SheetHeading, BranchLine, TABLE } from './sheet';
import { formatPercent } from '../../components/percent';

type Schedule = Api['prints.schedule']['output'];
type Terms = Schedule['terms'];

/** The terms every customer document repeats: who, what, at what cost. */
export function TermsTable({ terms, customer }: { terms: Terms; customer: Schedule['customer'] }) {
  const { t, money } = useI18n();
  return (
    <Pairs
      rows={[
        [
          t('documents.borrower'),
          `${customer.name}（${customer.number}）`,
          t('documents.idNumber'),
          idText(customer.idNumber),
        ],
        [t('documents.loanNumber'), terms.loanNumber, t('documents.product'), terms.productName ?? '—'],
        [t('documents.principal'), money(terms.principalFen), t('documents.upfrontFee'), money(terms.upfrontFeeFen)],
        [
          t('documents.rateAnnual'),
          formatPercent(terms.rateAnnual),
          t('documents.method'),
          `${t(`loans.method.${terms.method}` as MessageKey)} · ${t('documents.periods', { n: terms.periods })}`,
        ],
        [t('documents.disbursedOn'), terms.disbursedOn ?? '—', t('documents.maturity'), terms.maturityDate ?? '—'],
      ]}
    />
  );
}

export function penaltyRule(t: ReturnType<typeof useI18n>['t'], terms: Terms): string {
  return t('documents.penaltyRule', {
    rate: formatPercent(terms.rateAnnual),
    multiplier: terms.penaltyMultiplier,
    penaltyRate: formatPercent(Number(terms.rateAnnual) * Number(terms.penaltyMultiplier)),
    dayCount: dayCountName(terms.dayCount, t),
  });
}

export function ScheduleSheet({ schedule, copy }: { schedule: Schedule; copy: boolean }) {
  const { t, money } = useI18n();
  const id = (x: string) => (copy ? undefined : x);
  const rows = schedule.installments;
  const sum = (k: 'paymentFen' | 'principalFen' | 'interestFen' | 'paidFen') => rows.reduce((s, r) => s + r[k], 0);
  return (
    <div style={SHEET} data-testid={id('schedule-sheet')}>
      <SheetHeading
        header={schedule.header}
        title={t('documents.schedule.title')}
        right={<BranchLine header={schedule.header} />}
      />
      <TermsTable terms={schedule.terms} customer={schedule.customer} />
      <div style={{ border: '2px solid #000', padding: '4px 10px', textAlign: 'center', marginBottom: 8 }}>
        {t('documents.annualizedRate')}
        {t('shell.colon')}
        <strong style={{ fontSize: 22 }} data-testid={id('schedule-annualized-rate')}>
          {formatPercent(schedule.terms.annualizedRate)}
        </strong>
        <div style={{ fontSize: 11 }}>{t('documents.annualizedRateNote')}</div>
      </div>
      <table style={{ ...TABLE, fontSize: 12 }}>
        <thead>
          <tr>
            {(['n', 'dueDate', 'payment', 'principal', 'interest', 'paid', 'status'] as const).map((k) => (
              <th key={k} style={{ ...CELL, background: '#f3f3f3' }}>
                {t(`documents.schedule.col.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.n}>
              <td style={RIGHT}>{r.n}</td>
              <td style={CELL}>{r.dueDate}</td>
              <td style={RIGHT}>{money(r.paymentFen)}</td>
              <td style={RIGHT}>{money(r.principalFen)}</td>
              <td style={RIGHT}>{money(r.interestFen)}</td>
              <td style={RIGHT}>{schedule.preview ? '—' : money(r.paidFen)}</td>
              <td style={CELL}>{r.status ? t(`loans.installment.${r.status}` as MessageKey) : '—'}</td>
            </tr>
          ))}
          <tr style={{ fontWeight: 700 }}>
            <td style={CELL} colSpan={2}>
              {t('ledger.total')}
            </td>
            <td style={RIGHT}>{money(sum('paymentFen'))}</td>
            <td style={RIGHT} data-testid={id('schedule-total-principal')}>
              {money(sum('principalFen'))}
            </td>
            <td style={RIGHT}>{money(sum('interestFen'))}</td>
            <td style={RIGHT}>{schedule.preview ? '—' : money(sum('paidFen'))}</td>
            <td style={CELL} />
          </tr>
        </tbody>
      </table>
      <p style={{ margin: '4px 0', fontSize: 12 }}>{penaltyRule(t, schedule.terms)}</p>
      <p style={{ margin: '4px 0', fontSize: 12 }}>
        {schedule.preview ? t('documents.schedule.preview') : t('documents.schedule.asOf', { date: schedule.asOf })}
      </p>
    </div>
  );
}

export function ScheduleDialog({ loanId, onClose }: { loanId: string; onClose: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const preview = useApi('prints.schedule', { loanId });
  const record = useApiMutation('prints.schedulePrinted');
  return (
    <PrintDialog<Schedule>
      open
      onClose={onClose}
      title={t('documents.schedule.title')}
      testId="schedule-dialog"
      preview={preview}
      canPrint={can('loans.read')}
      record={(output) => record.mutateAsync({ loanId, output })}
      fileName={(s) => `${t('documents.schedule.title')}-${s.terms.loanNumber}.pdf`}
    >
      {(s, _paper, copy) => <ScheduleSheet schedule={s} copy={copy} />}
    </PrintDialog>
  );
}

/** The printable contract summary (借款合同摘要): the lender by its legal name, the
 *  borrower, the amount in figures and in 人民币大写, the rates with the annualized
 *  rate in large type and the penalty rate as a number, the schedule and signature
 *  lines. The preview masks the borrower's ID; printing records the copy (audited,
 *  for a role that may see clear identifiers) and the printed copy carries the full
 *  ID the borrower signs against. Laid out from prints.contract; computes nothing. */
import type { ReactNode } from 'react';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { formatPercent } from '../../components/percent';
import { dayCountName } from '../../components/names';
import type { MessageKey } from '../../i18n/zh-CN';
import { PrintDialog } from '../documents/PrintDialog';
import { CELL, idText, LABEL, RIGHT, SHEET, TABLE } from '../documents/sheet';

type Contract = Api['prints.contract']['output'];

export function ContractSheet({ contract, copy }: { contract: Contract; copy?: boolean }) {
  const id = (testId: string) => (copy ? undefined : testId);
  const { t, money } = useI18n();
  const { terms, customer } = contract;
  const rows = contract.installments;
  const total = (key: 'principalFen' | 'interestFen' | 'paymentFen') => rows.reduce((sum, i) => sum + i[key], 0);
  const row = (label: string, value: ReactNode, testId?: string) => (
    <tr>
      <th style={{ ...LABEL, width: '32%', textAlign: 'left' }}>{label}</th>
      <td style={CELL} data-testid={testId && id(testId)}>
        {value}
      </td>
    </tr>
  );
  return (
    <div style={SHEET} data-testid={id('contract-sheet')}>
      <h2 style={{ textAlign: 'center', margin: '0 0 4px' }}>{t('loans.contract.title')}</h2>
      <div style={{ textAlign: 'right', marginBottom: 8 }}>
        {t('loans.contract.number')}
        {t('shell.colon')}
        {terms.loanNumber}
      </div>
      <table style={TABLE}>
        <tbody>
          {row(t('loans.contract.lender'), contract.header.organisation, 'contract-lender')}
          {row(t('loans.contract.borrower'), `${customer.name}（${customer.number}）`)}
          {row(
            customer.kind === 'business' ? t('documents.idNumber') : t('loans.contract.residentId'),
            <span style={{ fontFamily: 'monospace' }}>{idText(customer.idNumber)}</span>,
            'contract-id-number',
          )}
          {row(
            t('loans.contract.amount'),
            <>
              <strong>{money(terms.principalFen)}</strong>
              {t('loans.contract.amountCapitals', { capitals: contract.principalInCapitals })}
            </>,
            'contract-amount',
          )}
          {row(t('loans.contract.rate'), formatPercent(terms.rateAnnual))}
          {row(
            t('loans.contract.penaltyRate'),
            t('loans.contract.penaltyRateValue', {
              rate: formatPercent(contract.penaltyRateAnnual),
              multiplier: terms.penaltyMultiplier,
              dayCount: dayCountName(terms.dayCount, t),
            }),
            'contract-penalty-rate',
          )}
          {row(t('loans.contract.upfrontFee'), money(terms.upfrontFeeFen))}
          {row(
            t('loans.contract.term'),
            terms.disbursedOn && terms.maturityDate
              ? t('loans.contract.termValue', {
                  periods: terms.periods,
                  from: terms.disbursedOn,
                  to: terms.maturityDate,
                })
              : t('loans.contract.termPending', { periods: terms.periods }),
          )}
          {row(t('loans.contract.method'), t(`loans.method.${terms.method}` as MessageKey))}
        </tbody>
      </table>
      <div style={{ border: '2px solid #000', padding: '8px 12px', textAlign: 'center', marginBottom: 12 }}>
        <div style={{ fontSize: 14 }}>{t('loans.contract.annualizedRate')}</div>
        <div style={{ fontSize: 32, fontWeight: 700 }} data-testid={id('contract-annualized-rate')}>
          {formatPercent(terms.annualizedRate)}
        </div>
      </div>
      <h3 style={{ margin: '8px 0 4px' }}>{t('loans.contract.schedule')}</h3>
      <table style={{ ...TABLE, fontSize: 12 }}>
        <thead>
          <tr>
            <th style={CELL}>{t('loans.schedule.n')}</th>
            <th style={CELL}>{t('loans.schedule.dueDate')}</th>
            <th style={CELL}>{t('loans.schedule.principal')}</th>
            <th style={CELL}>{t('loans.schedule.interest')}</th>
            <th style={CELL}>{t('loans.schedule.payment')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.n}>
              <td style={RIGHT}>{i.n}</td>
              <td style={CELL}>{i.dueDate}</td>
              <td style={RIGHT}>{money(i.principalFen)}</td>
              <td style={RIGHT}>{money(i.interestFen)}</td>
              <td style={RIGHT}>{money(i.paymentFen)}</td>
            </tr>
          ))}
          <tr style={{ fontWeight: 700 }}>
            <td style={CELL} colSpan={2}>
              {t('ledger.total')}
            </td>
            <td style={RIGHT}>{money(total('principalFen'))}</td>
            <td style={RIGHT}>{money(total('interestFen'))}</td>
            <td style={RIGHT}>{money(total('paymentFen'))}</td>
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

/** The preview dialog with Print and Save as PDF (the documents' print flow). */
export function ContractDialog({ loanId, onClose }: { loanId: string; onClose: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const preview = useApi('prints.contract', { loanId });
  const record = useApiMutation('prints.contractPrinted');
  return (
    <PrintDialog<Contract>
      open
      onClose={onClose}
      title={t('loans.contract.preview')}
      testId="contract-dialog"
      preview={preview}
      canPrint={can('customers.reveal')}
      record={(output) => record.mutateAsync({ loanId, output })}
      fileName={(c) => `${t('loans.contract.title')}-${c.terms.loanNumber}.pdf`}
    >
      {(c, _paper, copy) => <ContractSheet contract={c} copy={copy} />}
    </PrintDialog>
  );
}

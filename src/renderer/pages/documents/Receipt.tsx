/** The repayment receipt (还款凭证) handed over at the counter: its number, the
 *  customer, the loan, the amount in figures and in capitals, the split, the
 *  balance after, channel and officer; a reprint says 补打 with its count and a
 *  reversed repayment's receipt says 已冲正. Opened from the repayment's row and
 *  right after a repayment is recorded. */
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { PrintDialog } from './PrintDialog';
import { rememberedPaper, type Paper } from './print';
import { BranchLine, CELL, idText, LABEL, RIGHT, SHEET, SheetHeading, SignLine, Stamp, TABLE } from './sheet';

type Receipt = Api['prints.receipt']['output'] & { copy?: number };

export function ReceiptSheet({ receipt, paper, copy }: { receipt: Receipt; paper: Paper; copy: boolean }) {
  const { t, money } = useI18n();
  const id = (x: string) => (copy ? undefined : x);
  const compact = paper === 'continuous241';
  const printedCopy = receipt.copy;
  const split = receipt.split;
  const parts = split
    ? [
        [t('documents.split.penalty'), split.penaltyFen],
        [t('documents.split.interest'), split.interestFen],
        [t('documents.split.principal'), split.principalFen],
        [t('documents.split.fees'), split.feesFen],
        [t('documents.split.overpayment'), split.overpaymentFen],
      ].filter(([, v], i) => i < 3 || (v as number) > 0)
    : [];
  return (
    <div style={{ ...SHEET, fontSize: compact ? 12 : 13 }} data-testid={id('receipt-sheet')}>
      <SheetHeading
        header={receipt.header}
        title={t('documents.receipt.title')}
        compact={compact}
        right={
          <span>
            {t('documents.receipt.number')}
            {t('shell.colon')}
            <strong style={{ fontFamily: 'monospace', fontSize: 14 }} data-testid={id('receipt-number')}>
              {receipt.receiptNumber ?? t('documents.receipt.numberAtPrint')}
            </strong>
            {printedCopy !== undefined && printedCopy > 1 && (
              <Stamp testId={id('receipt-reprint')}>{t('documents.receipt.reprint', { n: printedCopy - 1 })}</Stamp>
            )}
            {receipt.reversal && <Stamp testId={id('receipt-reversed')}>{t('documents.receipt.reversed')}</Stamp>}
          </span>
        }
      />
      <table style={{ ...TABLE, marginBottom: compact ? 4 : 10 }}>
        <tbody>
          <tr>
            <th style={{ ...LABEL, width: '15%', textAlign: 'left' }}>{t('documents.customer')}</th>
            <td style={CELL}>
              {receipt.customer.name}（{receipt.customer.number}）
            </td>
            <th style={{ ...LABEL, width: '15%', textAlign: 'left' }}>{t('documents.idNumber')}</th>
            <td style={{ ...CELL, fontFamily: 'monospace' }}>{idText(receipt.customer.idNumber)}</td>
          </tr>
          <tr>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.loanNumber')}</th>
            <td style={{ ...CELL, fontFamily: 'monospace' }}>{receipt.loanNumber}</td>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.product')}</th>
            <td style={CELL}>{receipt.productName ?? '—'}</td>
          </tr>
          <tr>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.receipt.valueDate')}</th>
            <td style={CELL}>{receipt.valueDate}</td>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.receipt.bookedAt')}</th>
            <td style={CELL}>
              {receipt.bookedOn} {new Date(receipt.bookedAt).toTimeString().slice(0, 5)}
            </td>
          </tr>
          <tr>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.receipt.amount')}</th>
            <td style={{ ...CELL, fontWeight: 700, fontSize: compact ? 14 : 15 }} data-testid={id('receipt-amount')}>
              {money(receipt.amountFen)}
            </td>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.receipt.channel')}</th>
            <td style={CELL}>{t(`loans.channel.${receipt.channel}`)}</td>
          </tr>
          <tr>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.amountInCapitals')}</th>
            <td style={{ ...CELL, fontWeight: 700 }} colSpan={3} data-testid={id('receipt-capitals')}>
              人民币{receipt.amountInCapitals}
            </td>
          </tr>
          <tr>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.receipt.split')}</th>
            <td style={CELL} colSpan={3}>
              {split
                ? parts.map(([label, v]) => (
                    <span key={label as string} style={{ marginRight: 14, whiteSpace: 'nowrap' }}>
                      {label}
                      {t('shell.colon')}
                      {money(v as number)}
                    </span>
                  ))
                : '—'}
            </td>
          </tr>
          <tr>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.receipt.balanceAfter')}</th>
            <td style={RIGHT}>
              {money(receipt.balanceAfterFen)}
              {receipt.closedTheLoan ? `（${t('documents.receipt.closedTheLoan')}）` : ''}
            </td>
            <th style={{ ...LABEL, textAlign: 'left' }}>{t('documents.officer')}</th>
            <td style={CELL}>{receipt.officer ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      {receipt.reversal && (
        <div style={{ color: '#c00', marginBottom: 6 }}>
          {t('documents.receipt.reversedOn', { date: receipt.reversal.bookedOn })}
          {receipt.reversal.reason ? `${t('shell.colon')}${receipt.reversal.reason}` : ''}
        </div>
      )}
      <div style={{ display: 'flex', gap: 32, alignItems: 'flex-end', fontSize: 12 }}>
        <div style={{ flex: 1.4 }}>
          <BranchLine header={receipt.header} />
          <div>{t('documents.receipt.keep')}</div>
        </div>
        <SignLine label={t('documents.receipt.customerSign')} />
        <SignLine label={t('documents.receipt.seal')} />
      </div>
    </div>
  );
}

export function ReceiptDialog({ transactionId, onClose }: { transactionId: string; onClose: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const preview = useApi('prints.receipt', { transactionId });
  const record = useApiMutation('prints.receiptPrinted');
  const settings = preview.data?.paper ?? 'a4';
  return (
    <PrintDialog<Receipt>
      key={preview.data ? 'ready' : 'loading'}
      open
      onClose={onClose}
      title={t('documents.receipt.title')}
      testId="receipt-dialog"
      preview={preview}
      canPrint={can('repayments.record')}
      paperChoice={rememberedPaper(settings)}
      record={(output, paper) => record.mutateAsync({ transactionId, output, paper })}
      fileName={(r) => `${t('documents.receipt.title')}-${r.receiptNumber ?? r.loanNumber}.pdf`}
    >
      {(r, paper, copy) => <ReceiptSheet receipt={r} paper={paper} copy={copy} />}
    </PrintDialog>
  );
}

/** The payoff certificate (结清证明): the loan, the customer, what was lent and
 *  repaid in total, the payoff date, the statement that nothing is owed, and the
 *  verification code a branch checks on the verify screen. Opened from a closed loan. */
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { PrintDialog } from './PrintDialog';
import { BranchLine, CELL, idText, Pairs, RIGHT, SealBlock, SHEET, SheetHeading, TABLE } from './sheet';

type Certificate = Api['prints.payoffCertificate']['output'];

export function CertificateSheet({ cert, copy }: { cert: Certificate; copy: boolean }) {
  const { t, money } = useI18n();
  const id = (x: string) => (copy ? undefined : x);
  const { terms, customer } = cert;
  return (
    <div style={{ ...SHEET, fontSize: 14, lineHeight: 1.8 }} data-testid={id('certificate-sheet')}>
      <SheetHeading
        header={cert.header}
        title={t('documents.certificate.title')}
        right={<BranchLine header={cert.header} />}
      />
      <p style={{ textIndent: '2em', margin: '6px 0 10px' }}>
        {t('documents.certificate.statement', {
          name: customer.name,
          id: idText(customer.idNumber),
          disbursedOn: terms.disbursedOn ?? '—',
          principal: money(terms.principalFen),
          loanNumber: terms.loanNumber,
          closedOn: cert.closedOn,
          repaid: money(cert.repaidFen),
        })}
      </p>
      <Pairs
        rows={[
          [
            t('documents.loanNumber'),
            <span key="n" data-testid={id('certificate-loan')}>
              {terms.loanNumber}
            </span>,
            t('documents.certificate.closedOn'),
            <span key="c" data-testid={id('certificate-closed-on')}>
              {cert.closedOn}
            </span>,
          ],
          [
            t('documents.principal'),
            money(terms.principalFen),
            t('documents.certificate.repaid'),
            <strong key="r" data-testid={id('certificate-repaid')}>
              {money(cert.repaidFen)}
            </strong>,
          ],
          [t('documents.amountInCapitals'), `人民币${cert.repaidInCapitals}`],
        ]}
      />
      <table style={{ ...TABLE, fontSize: 12 }}>
        <thead>
          <tr>
            {(['principal', 'interest', 'penalty', 'fees'] as const).map((k) => (
              <th key={k} style={{ ...CELL, background: '#f3f3f3' }}>
                {t(`documents.split.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <td style={RIGHT}>{money(cert.repaid.principalFen)}</td>
            <td style={RIGHT}>{money(cert.repaid.interestFen)}</td>
            <td style={RIGHT}>{money(cert.repaid.penaltyFen)}</td>
            <td style={RIGHT}>{money(cert.repaid.feesFen)}</td>
          </tr>
        </tbody>
      </table>
      {cert.repaid.overpaymentFen > 0 && (
        <p style={{ fontSize: 12 }}>
          {t('documents.certificate.overpayment', { amount: money(cert.repaid.overpaymentFen) })}
        </p>
      )}
      <div style={{ border: '1px dashed #000', padding: '6px 10px', margin: '10px 0', fontSize: 12 }}>
        {t('documents.certificate.code')}
        {t('shell.colon')}
        <strong
          style={{ fontFamily: 'monospace', fontSize: 16, letterSpacing: 1 }}
          data-testid={id('certificate-code')}
        >
          {cert.code ?? t('documents.certificate.codeAtPrint')}
        </strong>
        <div>{t('documents.certificate.codeHint')}</div>
      </div>
      <SealBlock
        organisation={cert.header.organisation}
        dateLabel={t('documents.certificate.issuedOn')}
        date={cert.issuedOn}
      />
    </div>
  );
}

export function CertificateDialog({ loanId, onClose }: { loanId: string; onClose: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const preview = useApi('prints.payoffCertificate', { loanId });
  const record = useApiMutation('prints.payoffCertificatePrinted');
  return (
    <PrintDialog<Certificate>
      open
      onClose={onClose}
      title={t('documents.certificate.title')}
      testId="certificate-dialog"
      preview={preview}
      canPrint={can('repayments.record')}
      record={(output) => record.mutateAsync({ loanId, output })}
      fileName={(c) => `${t('documents.certificate.title')}-${c.terms.loanNumber}.pdf`}
    >
      {(c, _paper, copy) => <CertificateSheet cert={c} copy={copy} />}
    </PrintDialog>
  );
}

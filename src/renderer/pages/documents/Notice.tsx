/** The overdue notice (逾期催收通知书), addressed from the customer's record: what is
 *  overdue by category as of a date, the days past due, the penalty rule of the
 *  contract, and how and where to pay by when. Opened from the loan page and from
 *  the collections list. */
import { useState } from 'react';
import { DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { PrintDialog } from './PrintDialog';
import { penaltyRule } from './Schedule';
import { CELL, RIGHT, SealBlock, SHEET, SheetHeading, TABLE } from './sheet';

type Notice = Api['prints.overdueNotice']['output'];

export function NoticeSheet({ notice, copy }: { notice: Notice; copy: boolean }) {
  const { t, money } = useI18n();
  const id = (x: string) => (copy ? undefined : x);
  const { customer, terms, overdue, payTo } = notice;
  const rows: Array<[string, number]> = [
    [t('documents.notice.principal'), overdue.principalFen],
    [t('documents.notice.interest'), overdue.interestFen],
    [t('documents.notice.penalty'), overdue.penaltyFen],
    [t('documents.notice.fees'), overdue.feesFen],
  ];
  const counter = [notice.header.branchName, payTo.counterAddress].filter(Boolean).join(' · ');
  return (
    <div style={SHEET} data-testid={id('notice-sheet')}>
      <SheetHeading header={notice.header} title={t('documents.notice.title')} />
      <div style={{ marginBottom: 6 }}>
        <div>
          <strong>{customer.name}</strong>
          {t('documents.notice.salutation')}
        </div>
        {customer.address && (
          <div style={{ fontSize: 12 }}>
            {t('documents.notice.address')}
            {t('shell.colon')}
            {customer.address}
            {customer.phone ? ` · ${customer.phone}` : ''}
          </div>
        )}
      </div>
      <p style={{ textIndent: '2em', margin: '4px 0 8px' }}>
        {t('documents.notice.body', {
          disbursedOn: terms.disbursedOn ?? '—',
          principal: money(terms.principalFen),
          loanNumber: terms.loanNumber,
          asOf: notice.asOf,
          dpd: notice.dpd,
          since: notice.overdueSince ?? '—',
        })}
      </p>
      <table style={TABLE}>
        <tbody>
          {rows.map(([label, v]) => (
            <tr key={label}>
              <th style={{ ...CELL, background: '#f3f3f3', textAlign: 'left', width: '40%', fontWeight: 'normal' }}>
                {label}
              </th>
              <td style={RIGHT}>{money(v)}</td>
            </tr>
          ))}
          <tr style={{ fontWeight: 700 }}>
            <th style={{ ...CELL, background: '#f3f3f3', textAlign: 'left' }}>{t('documents.notice.total')}</th>
            <td style={RIGHT} data-testid={id('notice-total')}>
              {money(overdue.totalFen)}
            </td>
          </tr>
          <tr>
            <th style={{ ...CELL, background: '#f3f3f3', textAlign: 'left', fontWeight: 'normal' }}>
              {t('documents.amountInCapitals')}
            </th>
            <td style={{ ...CELL, textAlign: 'right' }}>人民币{notice.totalInCapitals}</td>
          </tr>
        </tbody>
      </table>
      <table style={{ ...TABLE, fontSize: 12 }}>
        <thead>
          <tr>
            {(['n', 'dueDate', 'days', 'principal', 'interest'] as const).map((k) => (
              <th key={k} style={{ ...CELL, background: '#f3f3f3' }}>
                {t(`documents.notice.col.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {notice.installments.map((i) => (
            <tr key={i.n}>
              <td style={RIGHT}>{i.n}</td>
              <td style={CELL}>{i.dueDate}</td>
              <td style={RIGHT}>{i.daysOverdue}</td>
              <td style={RIGHT}>{money(i.principalFen)}</td>
              <td style={RIGHT}>{money(i.interestFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ margin: '4px 0', fontSize: 12 }}>{penaltyRule(t, terms)}</p>
      <p style={{ margin: '6px 0 2px' }}>
        <strong data-testid={id('notice-pay-by')}>{t('documents.notice.payBy', { date: notice.payBy })}</strong>
      </p>
      <ol style={{ margin: '0 0 6px', paddingLeft: '2em', fontSize: 13 }}>
        {payTo.payeeAccount && (
          <li>
            {t('documents.notice.transfer', {
              name: payTo.payeeName || notice.header.organisation,
              account: payTo.payeeAccount,
              bank: payTo.payeeBank || '—',
              loanNumber: terms.loanNumber,
            })}
          </li>
        )}
        <li>{t('documents.notice.counter', { counter: counter || notice.header.organisation })}</li>
      </ol>
      <p style={{ margin: '4px 0', fontSize: 12 }}>
        {payTo.servicePhone ? t('documents.notice.phone', { phone: payTo.servicePhone }) : ''}
        {t('documents.notice.ignore')}
      </p>
      {terms.officer && (
        <p style={{ margin: '4px 0', fontSize: 12 }}>
          {t('documents.notice.officer', { officer: terms.officer, branch: notice.header.branchName ?? '' })}
        </p>
      )}
      <SealBlock organisation={notice.header.organisation} dateLabel={t('documents.notice.date')} date={notice.asOf} />
    </div>
  );
}

export function NoticeDialog({ loanId, onClose }: { loanId: string; onClose: () => void }) {
  const { t } = useI18n();
  const can = useCan();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const preview = useApi('prints.overdueNotice', { loanId, asOf }, { placeholderData: (p) => p, retry: false });
  const record = useApiMutation('prints.overdueNoticePrinted');
  return (
    <PrintDialog<Notice>
      key={asOf ?? 'today'}
      open
      onClose={onClose}
      title={t('documents.notice.title')}
      testId="notice-dialog"
      preview={preview}
      canPrint={can('collections.write')}
      record={(output) => record.mutateAsync({ loanId, asOf, output })}
      fileName={(n) => `${t('documents.notice.title')}-${n.terms.loanNumber}-${n.asOf}.pdf`}
    >
      {(n, _paper, copy) => (
        <>
          {!copy && (
            <Space style={{ marginBottom: 8 }}>
              {t('documents.notice.asOf')}
              <DatePicker
                allowClear={false}
                value={dayjs(n.asOf)}
                onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
                data-testid="notice-as-of"
              />
            </Space>
          )}
          <NoticeSheet notice={n} copy={copy} />
        </>
      )}
    </PrintDialog>
  );
}

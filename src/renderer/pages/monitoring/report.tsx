/** What the monitoring reports share: the page (title, exports and print in its
 *  header), a loan's number that opens the loan, and an amount in money
 *  (right-aligned, tabular figures). */
import type { ReactNode } from 'react';
import { Space } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { PageHeader } from '../../components/PageHeader';
import { PrintButton } from '../../components/ReportButtons';
import { LEDGER_CSS, loanHref } from '../loans/hooks';

export function loanNumberColumn<R extends { loanId: string; number: string }>(title: string): ColumnType<R> {
  return {
    title,
    dataIndex: 'number',
    width: 110,
    render: (v: string, r) => (
      <a href={loanHref(r.loanId)} style={{ fontFamily: 'monospace' }}>
        {v}
      </a>
    ),
  };
}

export function moneyColumn<R>(
  title: string,
  dataIndex: keyof R & string,
  money: (fen: number) => string,
  width?: number,
): ColumnType<R> {
  return {
    title,
    dataIndex,
    width,
    align: 'right',
    render: (v: number) => <span className="ld-money">{money(v)}</span>,
  };
}

/** A printable report page: its title, its export buttons and print in the
 *  header (not printed), and the ledger styles its tables use. */
export function ReportPage({ title, exports, children }: { title: string; exports: ReactNode; children: ReactNode }) {
  return (
    <div className="ld-page">
      <style>{LEDGER_CSS}</style>
      <PageHeader
        title={title}
        extra={
          <Space className="ld-no-print">
            {exports}
            <PrintButton />
          </Space>
        }
      />
      {children}
    </div>
  );
}

/** The pieces every printed document shares: the issuer's heading, bordered
 *  label/value tables, a red stamp (补打, 已冲正), amounts in figures. Sheets are
 *  black on white, in a serif face, sized for paper rather than the screen. */
import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

export const SHEET: CSSProperties = { fontFamily: 'serif', color: '#000', fontSize: 13, lineHeight: 1.55 };
export const CELL: CSSProperties = { border: '1px solid #333', padding: '3px 6px', verticalAlign: 'top' };
export const LABEL: CSSProperties = { ...CELL, background: '#f3f3f3', whiteSpace: 'nowrap', fontWeight: 'normal' };
export const RIGHT: CSSProperties = { ...CELL, textAlign: 'right', whiteSpace: 'nowrap' };
export const TABLE: CSSProperties = { width: '100%', borderCollapse: 'collapse', marginBottom: 10 };

export interface Header {
  organisation: string;
  branchCode: string | null;
  branchName: string | null;
}

/** The company, the document's title, and what stands at the right of the title line. */
export function SheetHeading({
  header,
  title,
  right,
  compact,
}: {
  header: Header;
  title: string;
  right?: ReactNode;
  compact?: boolean;
}) {
  const { language } = useI18n();
  return (
    <div style={{ marginBottom: compact ? 4 : 10 }}>
      <div style={{ textAlign: 'center', fontSize: compact ? 13 : 15 }}>{header.organisation}</div>
      <h2
        style={{
          textAlign: 'center',
          margin: compact ? '0 0 2px' : '2px 0 6px',
          letterSpacing: language === 'zh-CN' ? 4 : 0,
        }}
      >
        {title}
      </h2>
      {right && <div style={{ textAlign: 'right', fontSize: 12 }}>{right}</div>}
    </div>
  );
}

export function BranchLine({ header }: { header: Header }) {
  const { t } = useI18n();
  if (!header.branchName) return null;
  return (
    <span>
      {t('documents.branch')}
      {t('shell.colon')}
      {header.branchName}
      {header.branchCode ? `（${header.branchCode}）` : ''}
    </span>
  );
}

/** A red stamp-like mark: 补打（第 1 次）, 已冲正. */
export function Stamp({ children, testId }: { children: ReactNode; testId?: string }) {
  const { language } = useI18n();
  return (
    <span
      data-testid={testId}
      style={{
        display: 'inline-block',
        border: '2px solid #c00',
        color: '#c00',
        padding: '0 8px',
        fontWeight: 700,
        letterSpacing: language === 'zh-CN' ? 2 : 0,
        marginLeft: 8,
        transform: 'rotate(-4deg)',
      }}
    >
      {children}
    </span>
  );
}

/** Rows of label / value pairs, two pairs a row. */
export function Pairs({
  rows,
  labelWidth = '16%',
}: {
  rows: Array<[string, ReactNode, string?, ReactNode?]>;
  labelWidth?: string;
}) {
  return (
    <table style={TABLE}>
      <tbody>
        {rows.map(([l1, v1, l2, v2], i) => (
          <tr key={i}>
            <th style={{ ...LABEL, width: labelWidth, textAlign: 'left' }}>{l1}</th>
            <td style={CELL} colSpan={l2 === undefined ? 3 : 1}>
              {v1}
            </td>
            {l2 !== undefined && <th style={{ ...LABEL, width: labelWidth, textAlign: 'left' }}>{l2}</th>}
            {l2 !== undefined && <td style={CELL}>{v2}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where the company seals and dates a letter: bottom right, the name and the date. */
export function SealBlock({
  organisation,
  dateLabel,
  date,
}: {
  organisation: string;
  dateLabel: string;
  date: string;
}) {
  const { t } = useI18n();
  return (
    <div style={{ marginTop: 28, marginLeft: 'auto', width: '50%', textAlign: 'center' }}>
      <div>
        {organisation}
        {t('documents.sealMark')}
      </div>
      <div>
        {dateLabel}
        {t('shell.colon')}
        {date}
      </div>
    </div>
  );
}

/** A signature or seal line. */
export function SignLine({ label }: { label: string }) {
  const { t } = useI18n();
  return (
    <div style={{ flex: 1 }}>
      {label}
      {t('shell.colon')}
      <div style={{ borderBottom: '1px solid #000', height: 28 }} />
    </div>
  );
}

/** A masked ID or a credit code, else a dash. */
export function idText(idNumber: string | null): string {
  return idNumber ?? '—';
}

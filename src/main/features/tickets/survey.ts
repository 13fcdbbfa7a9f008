/** Satisfaction scores from a survey export (CSV or XLSX with a header row: ticket
 *  number, score 1-5, optional comment), checked row by row against the tickets the
 *  caller may see. The caller records them only when every row passes: a file is
 *  imported whole or not at all. */
import { DomainError } from '../../../core/errors';
import { cleanText } from '../../../core/validation/text';
import type { TicketStatus } from '../../../core/tickets/status';
import { MAX_SURVEY_ROWS } from '../../../contract/schemas/tickets';
import type { Sheet } from '../customers/sheet';

export const SURVEY_COLUMNS = ['ticket', 'score', 'comment'] as const;
export type SurveyColumn = (typeof SURVEY_COLUMNS)[number];

const ALIASES: Record<SurveyColumn, readonly string[]> = {
  ticket: ['工单号', '工单编号', '工单', 'ticket', 'ticketnumber', 'ticketno'],
  score: ['满意度', '评分', '满意度评分', 'score', 'rating', 'satisfaction'],
  comment: ['评价', '意见', '备注', '客户评价', 'comment', 'comments', 'feedback'],
};

function normalise(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^)）]*[)）]/g, '')
    .replace(/[\s_-]/g, '')
    .toLowerCase();
}

export interface SurveyIssue {
  field: SurveyColumn | 'file';
  code: string;
  details?: Record<string, unknown>;
}

export interface SurveyRowReport {
  row: number;
  ok: boolean;
  ticketNumber: string | null;
  errors: SurveyIssue[];
}

export interface SurveyScore {
  row: number;
  ticketId: string;
  score: number;
  comment: string | null;
}

export interface CheckedSurvey {
  reports: SurveyRowReport[];
  scores: SurveyScore[];
}

export function checkSurvey(
  sheet: Sheet,
  findTicket: (number: string) => { id: string; status: TicketStatus } | null,
  maxRows = MAX_SURVEY_ROWS,
): CheckedSurvey {
  const [header, ...data] = sheet.rows;
  if (!header || data.length === 0) throw new DomainError('IMPORT_EMPTY', { field: 'file' });
  if (data.length > maxRows)
    throw new DomainError('IMPORT_TOO_MANY_ROWS', { field: 'file', max: maxRows, rows: data.length });
  const index = new Map<SurveyColumn, number>();
  header.cells.forEach((cell, i) => {
    const h = normalise(cell.text);
    const column = SURVEY_COLUMNS.find((c) => ALIASES[c].includes(h));
    if (column && !index.has(column)) index.set(column, i);
  });
  const missing = (['ticket', 'score'] as const).filter((c) => !index.has(c));
  if (missing.length > 0) throw new DomainError('IMPORT_COLUMNS_MISSING', { field: 'file', columns: missing });

  const reports: SurveyRowReport[] = [];
  const scores: SurveyScore[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of data) {
    const errors: SurveyIssue[] = [];
    const cell = (c: SurveyColumn) => {
      const i = index.get(c);
      return i === undefined ? '' : (cells[i]?.text ?? '').trim();
    };
    const number = cell('ticket').toUpperCase();
    let ticket: { id: string; status: TicketStatus } | null = null;
    if (number === '') errors.push({ field: 'ticket', code: 'REQUIRED' });
    else if (seen.has(number))
      errors.push({ field: 'ticket', code: 'SURVEY_DUPLICATE', details: { row: seen.get(number) } });
    else {
      seen.set(number, row);
      ticket = findTicket(number);
      if (!ticket) errors.push({ field: 'ticket', code: 'TICKET_UNKNOWN' });
      else if (ticket.status !== 'resolved' && ticket.status !== 'closed')
        errors.push({ field: 'ticket', code: 'TICKET_NOT_RESOLVED' });
    }
    const rawScore = cell('score');
    const score = /^[1-5](\.0+)?$/.test(rawScore) ? Number(rawScore) : null;
    if (rawScore === '') errors.push({ field: 'score', code: 'REQUIRED' });
    else if (score === null) errors.push({ field: 'score', code: 'SATISFACTION_SCORE_INVALID' });
    let comment: string | null = null;
    const rawComment = cell('comment');
    if (rawComment !== '') {
      const checked = cleanText(rawComment, 'message', 0);
      if (checked.ok) comment = checked.value || null;
      else errors.push({ field: 'comment', code: checked.code, details: checked.params });
    }
    reports.push({ row, ok: errors.length === 0, ticketNumber: number || null, errors });
    if (errors.length === 0 && ticket && score !== null) scores.push({ row, ticketId: ticket.id, score, comment });
  }
  return { reports, scores };
}

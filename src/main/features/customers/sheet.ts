/** Reads an uploaded import file into rows: CSV (UTF-8 with or without BOM, or
 *  GB18030 as Excel in China saves it) or the first sheet of an XLSX, read as a
 *  stream (xlsxStream.ts). Runs in the import worker; imports nothing heavy. */
import { DomainError } from '../../../core/errors';
import { readXlsxStream } from './xlsxStream';

/** A cell as text; numbers that lost digits (an 18-digit ID typed as a number in
 *  Excel) are flagged rather than silently wrong. */
export type Cell = { text: string; unsafeNumber?: boolean };
export interface Sheet {
  /** Spreadsheet row number and cells of each non-empty row, header first. */
  rows: Array<{ row: number; cells: Cell[] }>;
}

/** RFC 4180: commas, double-quoted fields with "" escapes and line breaks, CRLF or LF. */
export function parseCsv(text: string, maxRows: number): Sheet {
  const rows: Sheet['rows'] = [];
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endField = () => {
    cells.push({ text: field });
    field = '';
  };
  const endRow = () => {
    endField();
    if (cells.some((c) => c.text.trim() !== '')) {
      rows.push({ row: rowStart, cells });
      if (rows.length > maxRows + 1) throw new DomainError('IMPORT_TOO_MANY_ROWS', { field: 'file', max: maxRows });
    }
    cells = [];
  };
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && body[i + 1] === '\n') continue;
    else if (ch === '\n' || ch === '\r') {
      endRow();
      line++;
      rowStart = line;
    } else field += ch;
  }
  if (field !== '' || cells.length > 0) endRow();
  return { rows };
}

/** UTF-8 (BOM optional) or, when the bytes are not UTF-8, GB18030. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new DomainError('IMPORT_ENCODING', { field: 'file' });
    }
  }
}

/** The rows of an uploaded file; run it off the main thread (readInWorker.ts). */
export async function readSheet(
  fileName: string,
  bytes: Buffer,
  maxRows: number,
  maxUnzippedBytes: number,
): Promise<Sheet> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsxStream(bytes, { maxRows, maxUnzippedBytes });
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsv(decodeCsv(bytes), maxRows);
  throw new DomainError('IMPORT_FILE_TYPE', { field: 'file' });
}

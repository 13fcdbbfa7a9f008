/** A CSV reader for bank statements (RFC 4180: commas, quoted fields with "" for a
 *  quote, CRLF or LF line ends, an optional UTF-8 BOM). Each record keeps the line
 *  of the file it starts on, so a refusal names the line the officer sees in a
 *  spreadsheet. Pure; no guessing at other separators. */
import { DomainError } from '../errors';

export interface CsvRecord {
  /** 1-based line of the file the record starts on. */
  line: number;
  fields: string[];
}

export function readCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let startLine = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: startLine, fields });
    fields = [];
    field = '';
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      i++;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      startLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new DomainError('STATEMENT_QUOTE_UNCLOSED', { line: startLine });
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

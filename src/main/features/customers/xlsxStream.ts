/** Reads the first sheet of an XLSX file as a stream, with every limit enforced
 *  while reading: the parts' declared sizes are checked first, then each part is
 *  inflated chunk by chunk against one budget of decompressed bytes (once only
 *  counting, which is cheap, then again parsed as it arrives with saxes), and
 *  reading stops at the first row past the row limit. A zip bomb is refused after
 *  at most MAX_IMPORT_UNZIPPED_BYTES of inflating, never loaded whole. */
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DomainError } from '../../../core/errors';
import type { Cell, Sheet } from './sheet';

/** Decompressed bytes read from one file, all entries together. A 5,000-row sheet
 *  with its shared strings is a few MB of XML. */
export const MAX_IMPORT_UNZIPPED_BYTES = 16 * 1024 * 1024;
/** Cells to the right of this column are not read (the import uses nine). */
export const MAX_IMPORT_COLUMNS = 64;

export interface XlsxLimits {
  maxRows: number;
  maxUnzippedBytes: number;
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** What the directory says; a hostile file may lie, so the inflating counts too. */
  declaredSize: number;
  localHeaderOffset: number;
}

interface Budget {
  left: number;
  max: number;
}

const tooLarge = (budget: Budget): DomainError =>
  new DomainError('IMPORT_TOO_LARGE', { field: 'file', maxBytes: budget.max, maxMb: Math.round(budget.max / 2 ** 20) });

const unreadable = (): DomainError => new DomainError('IMPORT_FILE_UNREADABLE', { field: 'file' });

/** The central directory of a ZIP held in memory (no ZIP64, no encryption). */
function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const declaredSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeaderOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (flags & 1 || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) throw unreadable();
    entries.set(name, { name, method, compressedSize, declaredSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Streams one entry's text to `onText`, counting its bytes against `budget`. */
function streamEntry(
  zip: Buffer,
  entry: ZipEntry,
  budget: Budget,
  /** null: only count the bytes. */
  onText: ((text: string) => void) | null,
): Promise<void> {
  const local = entry.localHeaderOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return Promise.reject(unreadable());
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return Promise.reject(unreadable());
  const decoder = new TextDecoder('utf-8');
  const take = (bytes: Buffer): void => {
    budget.left -= bytes.length;
    if (budget.left < 0) throw tooLarge(budget);
    if (onText) onText(decoder.decode(bytes, { stream: true }));
  };
  if (entry.method === 0) {
    return new Promise((resolve, reject) => {
      try {
        take(Buffer.from(data));
        onText?.(decoder.decode());
        resolve();
      } catch (e) {
        reject(e);
      }
    });
  }
  if (entry.method !== 8) return Promise.reject(unreadable());
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(e instanceof DomainError ? e : unreadable());
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        take(chunk);
      } catch (e) {
        fail(e);
      }
    });
    inflate.on('error', fail);
    inflate.on('end', () => {
      if (failed) return;
      try {
        onText?.(decoder.decode());
        resolve();
      } catch (e) {
        fail(e);
      }
    });
    inflate.end(data);
  });
}

/** Parses an entry's XML as it is inflated; `handlers` see the elements. */
async function parseEntry(
  zip: Buffer,
  entry: ZipEntry,
  budget: Budget,
  handlers: {
    open?: (tag: SaxesTagPlain) => void;
    close?: (name: string) => void;
    text?: (text: string) => void;
  },
): Promise<void> {
  const parser = new SaxesParser();
  let parseError: unknown = null;
  parser.on('error', (e) => {
    parseError ??= e;
  });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(tag.name));
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  await streamEntry(zip, entry, budget, (text) => {
    if (parseError === null && text) parser.write(text);
    if (parseError !== null) throw unreadable();
  });
  parser.close();
  if (parseError !== null) throw unreadable();
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Column index (0-based) of a cell reference such as "AB12". */
function columnOf(ref: string | undefined, fallback: number): number {
  const letters = /^([A-Z]{1,3})\d*$/.exec(ref ?? '')?.[1];
  if (!letters) return fallback;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The path of the workbook's first sheet, from workbook.xml and its relationships. */
async function firstSheetPath(zip: Buffer, entries: Map<string, ZipEntry>, budget: Budget) {
  const workbook = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) return 'xl/worksheets/sheet1.xml';
  let relId: string | null = null;
  await parseEntry(zip, workbook, budget, {
    open: (tag) => {
      if (relId === null && localName(tag.name) === 'sheet') relId = String(tag.attributes['r:id'] ?? '');
    },
  });
  let target: string | null = null;
  await parseEntry(zip, rels, budget, {
    open: (tag) => {
      if (localName(tag.name) === 'Relationship' && tag.attributes.Id === relId) target = String(tag.attributes.Target);
    },
  });
  if (target === null) return 'xl/worksheets/sheet1.xml';
  const t = target as string;
  return t.startsWith('/') ? t.slice(1) : `xl/${t}`;
}

async function sharedStrings(zip: Buffer, entries: Map<string, ZipEntry>, budget: Budget) {
  const entry = entries.get('xl/sharedStrings.xml');
  const strings: string[] = [];
  if (!entry) return strings;
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  await parseEntry(zip, entry, budget, {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === 'si') current = [];
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) inText = true;
    },
    close: (raw) => {
      const name = localName(raw);
      if (name === 'si') {
        strings.push((current ?? []).join(''));
        current = null;
      } else if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inText = false;
    },
    text: (text) => {
      if (inText && current) current.push(text);
    },
  });
  return strings;
}

/** The text of a cell as the import sees it; integers beyond 2^53 (an ID typed as a
 *  number) are flagged, since their last digits are already lost. */
function cellText(type: string, value: string, inline: string, strings: string[]): Cell {
  switch (type) {
    case 's':
      return { text: strings[Number(value)] ?? '' };
    case 'inlineStr':
      return { text: inline };
    case 'str':
      return { text: value };
    case 'b':
      return { text: value === '1' ? 'true' : 'false' };
    case 'e':
      return { text: '' };
    case 'd':
      return { text: value.slice(0, 10) };
    default: {
      if (value.trim() === '') return { text: '' };
      const n = Number(value);
      if (!Number.isFinite(n)) return { text: value };
      return Number.isInteger(n) && !Number.isSafeInteger(n)
        ? { text: String(n), unsafeNumber: true }
        : { text: String(n) };
    }
  }
}

/** Refuses the parts an import reads when together they inflate past the budget:
 *  by their declared sizes at once, then by inflating them and counting. */
async function checkSizes(zip: Buffer, parts: ZipEntry[], maxBytes: number): Promise<void> {
  const budget = { left: maxBytes, max: maxBytes };
  if (parts.reduce((sum, p) => sum + p.declaredSize, 0) > maxBytes) throw tooLarge(budget);
  for (const part of parts) await streamEntry(zip, part, budget, null);
}

const PARTS_READ = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];

/** The first worksheet's non-empty rows, header first. */
export async function readXlsxStream(bytes: Buffer, limits: XlsxLimits): Promise<Sheet> {
  const entries = zipEntries(bytes);
  const small = PARTS_READ.flatMap((name) => entries.get(name) ?? []);
  await checkSizes(
    bytes,
    small.filter((p) => p.name !== 'xl/sharedStrings.xml'),
    limits.maxUnzippedBytes,
  );
  const budget = { left: limits.maxUnzippedBytes, max: limits.maxUnzippedBytes };
  const sheetEntry = entries.get(await firstSheetPath(bytes, entries, budget));
  if (!sheetEntry) throw new DomainError('IMPORT_EMPTY', { field: 'file' });
  await checkSizes(bytes, [...small, sheetEntry], limits.maxUnzippedBytes);
  const strings = await sharedStrings(bytes, entries, budget);

  const rows: Sheet['rows'] = [];
  let rowNumber = 0;
  let cells: Cell[] = [];
  let cell: { column: number; type: string; value: string[]; inline: string[] } | null = null;
  let into: 'v' | 't' | null = null;
  let nextColumn = 0;
  await parseEntry(bytes, sheetEntry, budget, {
    open: (tag) => {
      const name = localName(tag.name);
      if (name === 'row') {
        const r = Number(tag.attributes.r);
        rowNumber = Number.isSafeInteger(r) && r > 0 ? r : rowNumber + 1;
        cells = [];
        nextColumn = 0;
      } else if (name === 'c') {
        const column = columnOf(tag.attributes.r as string | undefined, nextColumn);
        nextColumn = column + 1;
        cell = { column, type: String(tag.attributes.t ?? 'n'), value: [], inline: [] };
      } else if (cell && name === 'v') into = 'v';
      else if (cell && name === 't') into = 't';
    },
    close: (raw) => {
      const name = localName(raw);
      if (name === 'v' || name === 't') into = null;
      else if (name === 'c' && cell) {
        if (cell.column < MAX_IMPORT_COLUMNS) {
          while (cells.length < cell.column) cells.push({ text: '' });
          cells[cell.column] = cellText(cell.type, cell.value.join(''), cell.inline.join(''), strings);
        }
        cell = null;
      } else if (name === 'row') {
        if (cells.some((c) => c.text.trim() !== '')) {
          rows.push({ row: rowNumber, cells });
          if (rows.length > limits.maxRows + 1)
            throw new DomainError('IMPORT_TOO_MANY_ROWS', { field: 'file', max: limits.maxRows });
        }
      }
    },
    text: (text) => {
      if (!cell || into === null) return;
      (into === 'v' ? cell.value : cell.inline).push(text);
    },
  });
  return { rows };
}

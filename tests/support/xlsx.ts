/** Builds XLSX files by hand for import tests, including hostile ones: a part can
 *  repeat a deflated chunk N times, so a file of a few hundred KB expands to
 *  hundreds of MB (each chunk is flushed with Z_FULL_FLUSH, which makes its
 *  compressed bytes independent of what came before, so they can be repeated). */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface Part {
  name: string;
  /** Text before, repeated, and after: `repeat` copies of `chunk` between `head` and `tail`. */
  head: string;
  chunk?: string;
  repeat?: number;
  tail?: string;
  /** Write a small uncompressed size in the headers, as a hostile file would. */
  understateSize?: boolean;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

function deflatePart(part: Part): { data: Buffer; crc: number; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const pieces: Buffer[] = [deflateRawSync(Buffer.from(part.head), flush)];
  let crc = crc32(Buffer.from(part.head));
  let size = Buffer.byteLength(part.head);
  if (part.chunk && part.repeat) {
    const chunk = Buffer.from(part.chunk);
    const deflated = deflateRawSync(chunk, flush);
    for (let i = 0; i < part.repeat; i++) {
      pieces.push(deflated);
      crc = crc32(chunk, crc);
    }
    size += chunk.length * part.repeat;
  }
  const tail = Buffer.from(part.tail ?? '');
  pieces.push(deflateRawSync(tail));
  crc = crc32(tail, crc);
  size += tail.length;
  return { data: Buffer.concat(pieces), crc, size };
}

/** A ZIP of deflated parts. */
export function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, crc, size: realSize } = deflatePart(part);
    const size = part.understateSize ? data.length : realSize;
    const name = Buffer.from(part.name);
    const common = [
      u16(20),
      u16(0),
      u16(8),
      u16(0),
      u16(0x21),
      u32(crc),
      u32(data.length),
      u32(size),
      u16(name.length),
    ];
    const local = Buffer.concat([u32(0x04034b50), ...common, u16(0), name, data]);
    centrals.push(
      Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name]),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(parts.length),
    u16(parts.length),
    u32(central.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, central, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** An XLSX whose first sheet is `sheet` (and, if given, whose shared strings are `strings`). */
export function xlsx(sheet: Omit<Part, 'name'>, strings?: Omit<Part, 'name'>): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      head: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${strings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    },
    {
      name: '_rels/.rels',
      head: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      head: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Customers" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      head: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>${strings ? `<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    },
    ...(strings ? [{ name: 'xl/sharedStrings.xml', ...strings }] : []),
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ]);
}

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** One row of inline-string cells. */
export function inlineRow(cells: string[]): string {
  return `<row>${cells.map((c) => `<c t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;
}

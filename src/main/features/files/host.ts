/** What the process hosting the app core offers beyond the API. Electron injects a
 *  native save dialog and print to PDF; browser mode offers nothing and the renderer
 *  downloads (or prints through the browser, which saves PDFs itself). The
 *  core never imports Electron: it only sees these functions. */

export interface SaveRequest {
  /** A bare file name (no folder), already made safe for every OS. */
  fileName: string;
  data: Buffer;
}

/** Where the file went, or nothing when the user cancelled the dialog. */
export type SaveResult = { saved: true; path: string } | { saved: false };

/** A printed document's page: A4 portrait, or the 241 mm continuous form
 *  (241 x 140 mm) a dot-matrix printer takes. */
export interface PdfRequest {
  paper: 'a4' | 'continuous241';
}

export interface HostCapabilities {
  saveFile?: (request: SaveRequest) => Promise<SaveResult>;
  /** Electron: the window's current page as print media would show it, as a PDF. */
  printToPdf?: (request: PdfRequest) => Promise<Buffer>;
}

/** Characters no file name may hold on Windows, macOS or Linux (control codes apart). */
const UNSAFE_CHARS = /[<>:"/\\|?*]/g;
const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/** A name to suggest in a save dialog: unsafe characters become "_", no leading
 *  dots or trailing dots and spaces, never empty or a reserved Windows device. */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((c) => (isControl(c) ? '_' : c))
    .join('')
    .replace(UNSAFE_CHARS, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (!cleaned) return 'loandesk-file';
  return RESERVED_WINDOWS.test(cleaned) ? `_${cleaned}` : cleaned;
}

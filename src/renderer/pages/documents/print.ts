/** How a document reaches paper: while a document dialog has printed, the body
 *  carries PRINT_CLASS and print media shows only its sheet (outside the window's
 *  root) on the sheet's named page: A4 portrait, or the 241 mm continuous form
 *  (241 x 140 mm) of a dot-matrix printer. Browser mode prints (and saves PDFs)
 *  through the browser; Electron saves PDFs through `prints.savePdf`. */
import { invoke } from '../../api/client';

export type Paper = 'a4' | 'continuous241';
export const PRINT_CLASS = 'ld-print-doc';
export const PAPER_KEY = 'loandesk.receiptPaper';

export const PRINT_CSS = `
.ld-doc-sheet { display: none; }
@page ld-a4 { size: A4 portrait; margin: 14mm 16mm; }
@page ld-241 { size: 241mm 140mm; margin: 6mm 9mm; }
@media print {
  /* Only the sheet: anything else left displayed would start a page of its own. */
  body.${PRINT_CLASS} > *:not(.ld-doc-sheet) { display: none !important; }
  body.${PRINT_CLASS} .ld-doc-sheet { display: block !important; }
  .ld-doc-a4 { page: ld-a4; }
  .ld-doc-continuous241 { page: ld-241; }
  .ld-doc-sheet table { page-break-inside: auto; }
  .ld-doc-sheet tr { page-break-inside: avoid; }
}
`;

let nativePdf: Promise<boolean> | undefined;

/** Whether the host prints to PDF itself (Electron); asked once. */
export function hostPrintsPdf(): Promise<boolean> {
  nativePdf ??= invoke('prints.capabilities', {}).then(
    (c) => c.nativePdf,
    (e: unknown) => {
      nativePdf = undefined;
      throw e;
    },
  );
  return nativePdf;
}

/** The paper this desktop last printed receipts on, else the company's setting. */
export function rememberedPaper(fallback: Paper): Paper {
  const stored = localStorage.getItem(PAPER_KEY);
  return stored === 'a4' || stored === 'continuous241' ? stored : fallback;
}

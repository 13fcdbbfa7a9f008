/** Print to PDF behind `prints.savePdf`: the window's page as print media shows it
 *  (the document sheet alone, on its CSS page: A4 portrait or the 241 mm continuous
 *  form), through webContents.printToPDF. */
import type { PrintToPDFOptions } from 'electron';
import type { PdfRequest } from '../features/files/host';

export interface PrintPdfDeps {
  /** The app window's webContents.printToPDF. */
  printToPDF: (options: PrintToPDFOptions) => Promise<Buffer>;
}

/** Page sizes in inches, as Electron takes them: A4, and 241 x 139.7 mm. */
const PAGE_SIZE: Record<PdfRequest['paper'], PrintToPDFOptions['pageSize']> = {
  a4: 'A4',
  continuous241: { width: 9.5, height: 5.5 },
};

export function nativePrintToPdf(deps: PrintPdfDeps): (request: PdfRequest) => Promise<Buffer> {
  return ({ paper }) =>
    deps.printToPDF({
      pageSize: PAGE_SIZE[paper],
      preferCSSPageSize: true,
      printBackground: true,
      landscape: false,
    });
}

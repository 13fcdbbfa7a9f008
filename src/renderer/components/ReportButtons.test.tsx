// @vitest-environment jsdom
/** A report's export: the table as the window shows it goes to the main process
 *  (headers in the user's language, money as fen, the sheet named after the
 *  title), the file is saved and the message says where; a refusal is said in
 *  the user's language; with no rows the button is off. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { answerApi, inputsOf, resetApi } from '../testing/api';
import { installDomGaps, renderScreen } from '../testing/render';
import { TableExportButton } from './ReportButtons';
import type { ExportColumn } from './exportTable';

vi.mock('../api/client', async (original) => (await import('../testing/api')).mockClient(await original()));

type Row = { number: string; fen: number };
const COLUMNS: ExportColumn<Row>[] = [
  { title: 'Loan', value: (r) => r.number },
  { title: 'Amount', kind: 'money', value: (r) => r.fen },
];
const ROWS: Row[] = [
  { number: 'L000001', fen: 12_345 },
  { number: 'L000002', fen: 0 },
];

beforeAll(() => {
  installDomGaps();
  URL.createObjectURL = () => 'blob:test';
  URL.revokeObjectURL = () => undefined;
  HTMLAnchorElement.prototype.click = () => undefined;
  localStorage.setItem('loandesk.language', 'en');
});
afterEach(() => {
  cleanup();
  resetApi();
});

function button(rows: Row[]) {
  renderScreen(
    <TableExportButton fileName="loandesk-x" title="Loans 2026-03-02" columns={COLUMNS} rows={rows} testId="x" />,
  );
  return screen.getByTestId('x');
}

describe('a table export button', () => {
  it('sends the rows as the window shows them and says the file is saved', async () => {
    answerApi({
      'files.capabilities': () => ({ nativeSave: false }),
      'monitoring.exportTable': () => ({ fileName: 'loandesk-x.xlsx', mime: 'application/x', base64: 'AA==', rows: 2 }),
    });
    fireEvent.click(button(ROWS));
    expect(await screen.findByText('Exported loandesk-x.xlsx')).toBeTruthy();
    expect(inputsOf('monitoring.exportTable')).toEqual([
      {
        fileName: 'loandesk-x',
        sheet: 'Loans 2026-03-02',
        title: 'Loans 2026-03-02',
        columns: [
          { label: 'Loan', kind: 'text' },
          { label: 'Amount', kind: 'money' },
        ],
        rows: [
          ['L000001', 12_345],
          ['L000002', 0],
        ],
      },
    ]);
  });

  it('says a refusal in the user’s language', async () => {
    answerApi({
      'monitoring.exportTable': () => {
        throw { code: 'PERMISSION_DENIED', details: { permission: 'ledger.export' } };
      },
    });
    fireEvent.click(button(ROWS));
    expect(await screen.findByText(/Your role may not do this/)).toBeTruthy();
  });

  it('is off when there is nothing to export', async () => {
    const b = button([]);
    await waitFor(() => expect(b.closest('button')!.disabled).toBe(true));
    fireEvent.click(b);
    expect(inputsOf('monitoring.exportTable')).toEqual([]);
  });
});

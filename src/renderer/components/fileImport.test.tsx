// @vitest-environment jsdom
/** The file-import frame through its two dialogs: picking a file sends the dry run
 *  with the file's content, the import itself follows only on confirming, a good
 *  import closes the dialog, a refused row keeps it open with the new report, and
 *  the customer import carries consent only on the real import. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { answerApi, inputsOf, resetApi } from '../testing/api';
import { installDomGaps, renderScreen } from '../testing/render';
import { SurveyImportDialog } from '../pages/tickets/SurveyImportDialog';
import { ImportDialog } from '../pages/customers/ImportDialog';

vi.mock('../api/client', async (original) => (await import('../testing/api')).mockClient(await original()));

beforeAll(() => {
  installDomGaps();
  localStorage.setItem('loandesk.language', 'zh-CN');
});
afterEach(() => {
  cleanup();
  resetApi();
});

const CONTENT = 'ticket,score\nT000001,5\n';

function pickFile(name: string) {
  const input = document.querySelector('input[type=file]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([CONTENT], name, { type: 'text/csv' })] } });
}

describe('SurveyImportDialog', () => {
  it('dry-runs the picked file, imports on confirming, and closes when every row went in', async () => {
    answerApi({
      'tickets.importSatisfaction': (input) => ({
        total: 1,
        failed: 0,
        imported: input.dryRun ? 0 : 1,
        rows: [{ row: 2, ticketNumber: 'T000001', ok: true, errors: [] }],
      }),
    });
    const onClose = vi.fn();
    renderScreen(<SurveyImportDialog open onClose={onClose} />);
    pickFile('survey.csv');
    await waitFor(() => expect(screen.getByTestId('survey-report')).toBeTruthy());
    expect(inputsOf('tickets.importSatisfaction')).toMatchObject([
      { fileName: 'survey.csv', contentBase64: btoa(CONTENT), dryRun: true },
    ]);
    expect(screen.getByText('survey.csv')).toBeTruthy();
    fireEvent.click(screen.getByTestId('survey-import'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(inputsOf('tickets.importSatisfaction').map((i) => i.dryRun)).toEqual([true, false]);
  });

  it('keeps the dialog open with the new report when the import refuses a row', async () => {
    answerApi({
      'tickets.importSatisfaction': (input) => ({
        total: 1,
        failed: input.dryRun ? 0 : 1,
        imported: 0,
        rows: [
          input.dryRun
            ? { row: 2, ticketNumber: 'T000001', ok: true, errors: [] }
            : { row: 2, ticketNumber: 'T000001', ok: false, errors: [{ field: 'ticket', code: 'NOT_FOUND' }] },
        ],
      }),
    });
    const onClose = vi.fn();
    renderScreen(<SurveyImportDialog open onClose={onClose} />);
    pickFile('survey.csv');
    await waitFor(() => expect(screen.getByTestId('survey-report')).toBeTruthy());
    expect((screen.getByTestId('survey-import') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId('survey-import'));
    await waitFor(() => expect(inputsOf('tickets.importSatisfaction')).toHaveLength(2));
    await waitFor(() => expect((screen.getByTestId('survey-import') as HTMLButtonElement).disabled).toBe(true));
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('ImportDialog (customers)', () => {
  it('sends the dry run without consent and the import with it, only once consent is ticked', async () => {
    answerApi({
      'customers.import': (input) => ({
        ok: true,
        imported: input.dryRun ? 0 : 1,
        failedRows: 0,
        ignoredColumns: [],
        rows: [{ row: 2, ok: true, errors: [], watchlistFlag: 'none' }],
      }),
    });
    const onClose = vi.fn();
    renderScreen(<ImportDialog open onClose={onClose} />);
    pickFile('customers.csv');
    await waitFor(() => expect(screen.getByTestId('import-consent')).toBeTruthy());
    expect(inputsOf('customers.import')).toMatchObject([
      { fileName: 'customers.csv', contentBase64: btoa(CONTENT), dryRun: true },
    ]);
    expect(inputsOf('customers.import')[0]).not.toHaveProperty('consent');
    const confirm = screen.getByTestId('import-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('import-consent'));
    await waitFor(() => expect(confirm.disabled).toBe(false));
    fireEvent.click(confirm);
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(inputsOf('customers.import')[1]).toMatchObject({
      fileName: 'customers.csv',
      contentBase64: btoa(CONTENT),
      dryRun: false,
      consent: true,
    });
  });
});

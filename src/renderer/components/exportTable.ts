/** Exports: a file the main process makes (a ledger, a statement, a table as the
 *  window shows it with headers in the user's language) saved where the user
 *  chooses, with one message that says where (and how many rows) or why not. */
import { useState } from 'react';
import { App } from 'antd';
import { invoke, type ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { saveBase64 } from './download';

export type ExportKind = 'text' | 'money' | 'number' | 'percent';

export interface ExportColumn<R> {
  title: string;
  kind?: ExportKind;
  value: (row: R) => string | number | null;
}

/** A file the main process made for export. */
export interface ExportedFile {
  fileName: string;
  mime: string;
  base64: string;
  rows: number;
}

/** Runs an export: `make` asks the main process for the file, which is then saved
 *  and announced (`said`: with its rows, or only where it went); a refusal is
 *  shown. `busy` names the export under way, so its button can spin. */
export function useSaveExport() {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (
    name: string,
    make: () => Promise<ExportedFile>,
    said: 'ledger.exported' | 'dash.exported' = 'ledger.exported',
  ) => {
    setBusy(name);
    try {
      const file = await make();
      const saved = await saveBase64(file.fileName, file.mime, file.base64);
      if (saved.kind !== 'cancelled')
        void message.success(t(said, { rows: file.rows, file: saved.kind === 'saved' ? saved.path : file.fileName }));
    } catch (e) {
      void message.error(error((e as ApiError).code, (e as ApiError).details));
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

/** A table to XLSX; the sheet is named after the title unless named apart (a title with its date stamp). */
export function useTableExport() {
  const { run } = useSaveExport();
  return <R>(fileName: string, title: string, columns: ExportColumn<R>[], rows: readonly R[], sheet: string = title) =>
    run(
      fileName,
      () =>
        invoke('monitoring.exportTable', {
          fileName,
          sheet: sheet.slice(0, 31),
          title,
          columns: columns.map((c) => ({ label: c.title, kind: c.kind ?? 'text' })),
          rows: rows.map((r) => columns.map((c) => c.value(r))),
        }),
      'dash.exported',
    );
}

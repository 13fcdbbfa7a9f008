/** Exports a table as the window shows it (headers in the user's language) to
 *  XLSX through the main process, and saves the file. */
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

export function useTableExport() {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  /** The sheet is named after the title unless named apart (a title with its date stamp). */
  return async <R>(
    fileName: string,
    title: string,
    columns: ExportColumn<R>[],
    rows: readonly R[],
    sheet: string = title,
  ) => {
    try {
      const file = await invoke('monitoring.exportTable', {
        fileName,
        sheet: sheet.slice(0, 31),
        title,
        columns: columns.map((c) => ({ label: c.title, kind: c.kind ?? 'text' })),
        rows: rows.map((r) => columns.map((c) => c.value(r))),
      });
      const saved = await saveBase64(file.fileName, file.mime, file.base64);
      if (saved.kind !== 'cancelled')
        void message.success(t('dash.exported', { file: saved.kind === 'saved' ? saved.path : file.fileName }));
    } catch (e) {
      void message.error(error((e as ApiError).code, (e as ApiError).details));
    }
  };
}

/** The buttons in a report's header, the same on every report: export to XLSX
 *  (off while there is nothing to export, spinning while it runs), a table's
 *  export as the window shows it, and print. */
import type { ReactNode } from 'react';
import { Button } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n';
import { useTableExport, type ExportColumn } from './exportTable';

export function ExportButton({
  onClick,
  loading,
  disabled,
  testId,
  children,
}: {
  onClick: () => void;
  loading?: boolean;
  disabled?: boolean;
  testId?: string;
  /** The label when it is not "export XLSX" (which of a page's tables). */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Button icon={<FileExcelOutlined />} loading={loading} disabled={disabled} onClick={onClick} data-testid={testId}>
      {children ?? t('ledger.exportXlsx')}
    </Button>
  );
}

/** Exports rows with their columns (file `fileName`, sheet heading `title`); off when there are none. */
export function TableExportButton<R>({
  fileName,
  title,
  columns,
  rows,
  testId,
  children,
}: {
  fileName: string;
  title: string;
  columns: ExportColumn<R>[];
  rows: readonly R[];
  testId?: string;
  children?: ReactNode;
}) {
  const exportTable = useTableExport();
  return (
    <ExportButton
      disabled={rows.length === 0}
      onClick={() => void exportTable(fileName, title, columns, rows)}
      testId={testId}
    >
      {children}
    </ExportButton>
  );
}

export function PrintButton({ testId }: { testId?: string }) {
  const { t } = useI18n();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid={testId}>
      {t('ledger.print')}
    </Button>
  );
}

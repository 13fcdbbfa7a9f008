/** The preview of one printed document with Print and Save as PDF (and, for
 *  receipts, the paper: A4 or the 241 mm continuous form). Printing first records
 *  the copy (audited; a receipt's copy number comes back), then shows exactly what
 *  was recorded on the printed sheet: in browser mode through the browser's print
 *  (where PDF is a destination), in Electron as a PDF saved through the native dialog. */
import { useEffect, useState, type ReactNode } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { Alert, App, Button, Modal, Segmented, Space, Spin, Tooltip } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { invoke, type ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { hostPrintsPdf, PAPER_KEY, PRINT_CLASS, PRINT_CSS, type Paper } from './print';

export type Output = 'print' | 'pdf';

export interface PrintDialogProps<T> {
  open: boolean;
  onClose: () => void;
  title: string;
  testId: string;
  preview: { data?: T; error?: ApiError | null; isPending: boolean };
  /** Records the copy and answers what it says (audited in the main process). */
  record: (output: Output, paper: Paper) => Promise<T>;
  fileName: (model: T) => string;
  /** The sheet; `copy` is the one the printer gets (no test ids on it). */
  children: (model: T, paper: Paper, copy: boolean) => ReactNode;
  canPrint: boolean;
  /** Receipts: the paper is chosen here, starting from this. */
  paperChoice?: Paper;
}

export function PrintDialog<T>(props: PrintDialogProps<T>) {
  const { open, onClose, title, testId, preview, record, fileName, children, canPrint, paperChoice } = props;
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [printed, setPrinted] = useState<T | null>(null);
  const [paper, setPaper] = useState<Paper>(paperChoice ?? 'a4');
  const [busy, setBusy] = useState<Output | null>(null);
  const model = printed ?? preview.data;

  useEffect(() => {
    const done = () => document.body.classList.remove(PRINT_CLASS);
    window.addEventListener('afterprint', done);
    return () => {
      window.removeEventListener('afterprint', done);
      done();
    };
  }, []);

  const run = async (output: Output) => {
    setBusy(output);
    try {
      const copy = await record(output, paper);
      if (paperChoice) localStorage.setItem(PAPER_KEY, paper);
      // The sheet shows what was recorded (its copy number) before the printer sees it.
      flushSync(() => setPrinted(copy));
      document.body.classList.add(PRINT_CLASS);
      if (output === 'pdf' && (await hostPrintsPdf())) {
        try {
          const saved = await invoke('prints.savePdf', { fileName: fileName(copy), paper });
          if (saved.saved) void message.success(t('documents.pdfSaved', { path: saved.path }));
        } finally {
          document.body.classList.remove(PRINT_CLASS);
        }
      } else {
        if (output === 'pdf') void message.info(t('documents.pdfHint'));
        window.print();
      }
    } catch (e) {
      const err = e as ApiError;
      void message.error(error(err.code, err.details));
    } finally {
      setBusy(null);
    }
  };

  const ready = !!model && canPrint && busy === null;
  return (
    <>
      <style>{PRINT_CSS}</style>
      <Modal
        open={open}
        onCancel={onClose}
        title={title}
        width={paper === 'continuous241' ? 900 : 820}
        data-testid={testId}
        footer={
          <Space wrap>
            {paperChoice && (
              <Segmented
                value={paper}
                onChange={(v) => setPaper(v as Paper)}
                options={[
                  { value: 'a4', label: t('documents.paper.a4') },
                  { value: 'continuous241', label: t('documents.paper.continuous241') },
                ]}
                data-testid={`${testId}-paper`}
              />
            )}
            <Tooltip title={t('documents.pdfTip')}>
              <Button
                icon={<FilePdfOutlined />}
                disabled={!ready}
                loading={busy === 'pdf'}
                onClick={() => void run('pdf')}
                data-testid={`${testId}-pdf`}
              >
                {t('documents.savePdf')}
              </Button>
            </Tooltip>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              disabled={!ready}
              loading={busy === 'print'}
              onClick={() => void run('print')}
              data-testid={`${testId}-print`}
            >
              {t('documents.print')}
            </Button>
          </Space>
        }
      >
        {!canPrint && <Alert type="info" showIcon title={t('documents.cannotPrint')} style={{ marginBottom: 8 }} />}
        {preview.error && !model ? (
          <Alert type="error" showIcon title={error(preview.error.code, preview.error.details)} />
        ) : !model ? (
          <Spin />
        ) : (
          <div
            style={{ border: '1px solid #ddd', padding: 20, background: '#fff', maxHeight: '62vh', overflow: 'auto' }}
            data-testid={`${testId}-preview`}
            data-printed={printed ? 'yes' : 'no'}
          >
            {children(model, paper, false)}
          </div>
        )}
      </Modal>
      {open &&
        model &&
        createPortal(
          <div className={`ld-doc-sheet ld-doc-${paper}`}>{children(model, paper, true)}</div>,
          document.body,
        )}
    </>
  );
}

/** The frame of a file import (customers, satisfaction scores), written once:
 *  picking a CSV or XLSX file reads it and asks the main process for a dry run,
 *  whose row-by-row report the dialog shows; confirming imports it for real, which
 *  either goes through (the caller thanks and closes) or answers with a new report.
 *  A refusal of either request is one message; nothing typed is lost. */
import { useState, type ReactNode } from 'react';
import { App, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { fileToBase64 } from './base64';

export interface PickedFile {
  fileName: string;
  contentBase64: string;
}

interface Handlers<R> {
  onSuccess: (report: R) => void;
  onError: (e: ApiError) => void;
}

export function useFileImport<R>({
  send,
  imported,
  onImported,
}: {
  /** One request for the file: the dry run, or the import itself. */
  send: (file: PickedFile, dryRun: boolean, handlers: Handlers<R>) => void;
  /** Whether the import's answer says it went through. */
  imported: (answer: R) => boolean;
  onImported: (answer: R) => void;
}) {
  const { error } = useI18n();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const fail = (e: ApiError) => void message.error(error(e.code, e.details));
  const clear = () => {
    setPicked(null);
    setReport(null);
  };
  const pick = async (file: File) => {
    clear();
    const next = { fileName: file.name, contentBase64: await fileToBase64(file) };
    setPicked(next);
    send(next, true, { onSuccess: setReport, onError: fail });
  };
  const confirm = () => {
    if (!picked) return;
    send(picked, false, {
      onSuccess: (answer) => (imported(answer) ? onImported(answer) : setReport(answer)),
      onError: fail,
    });
  };
  return { picked, report, clear, pick, confirm };
}

/** The drop area: the picked file's name (or what to pick) and a hint below. */
export function FileDropper({
  accept,
  fileName,
  prompt,
  hint,
  onFile,
  testId,
}: {
  accept: string;
  fileName: string | undefined;
  prompt: string;
  hint?: ReactNode;
  onFile: (file: File) => void;
  testId?: string;
}) {
  return (
    <Upload.Dragger
      accept={accept}
      maxCount={1}
      showUploadList={false}
      beforeUpload={(file) => {
        onFile(file);
        return false;
      }}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p>{fileName ?? prompt}</p>
      {hint && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      )}
    </Upload.Dragger>
  );
}

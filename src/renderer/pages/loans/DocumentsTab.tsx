/** The loan's documents: attach (PDF, images, Word/Excel, text; 10 MB), list, download. */
import { App, Button, Input, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useApi, useApiMutation } from '../../api/hooks';
import { invoke, type ApiError, type Api } from '../../api/client';
import { saveBase64 } from '../../components/download';
import { fileToBase64 } from '../../components/base64';
import { TEXT_MAX_CHARS } from '../../../core/validation/text';
import { formatDateTime } from '../../components/dates';

type Row = Api['documents.list']['output'][number];

export function DocumentsTab({
  loanId,
  canAttach,
  canDownload,
}: {
  loanId: string;
  canAttach: boolean;
  canDownload: boolean;
}) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const list = useApi('documents.list', { loanId });
  const attach = useApiMutation('documents.attach');
  const [note, setNote] = useState('');
  const fail = (e: unknown) => void message.error(error((e as ApiError).code, (e as ApiError).details));
  return (
    <>
      {canAttach && (
        <Space style={{ marginBottom: 8 }}>
          <Input
            placeholder={t('loans.documents.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ width: 240 }}
            maxLength={TEXT_MAX_CHARS.note}
          />
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void fileToBase64(file).then((contentBase64) =>
                attach.mutate(
                  {
                    loanId,
                    fileName: file.name,
                    mime: file.type || 'application/octet-stream',
                    contentBase64,
                    note: note || undefined,
                  },
                  { onSuccess: () => setNote(''), onError: fail },
                ),
              );
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={attach.isPending} data-testid="loan-document-attach">
              {t('loans.documents.attach')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('loans.documents.hint')}</Typography.Text>
        </Space>
      )}
      <Table<Row>
        rowKey="id"
        size="small"
        data-testid="loan-documents"
        loading={list.isPending}
        dataSource={list.data}
        pagination={false}
        columns={[
          { title: t('loans.documents.fileName'), dataIndex: 'fileName' },
          { title: t('loans.documents.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          {
            title: t('loans.documents.size'),
            dataIndex: 'sizeBytes',
            align: 'right',
            width: 110,
            render: (v: number) => `${(v / 1024).toFixed(1)} KB`,
          },
          { title: t('loans.documents.uploadedBy'), dataIndex: 'uploadedBy', width: 110 },
          {
            title: t('loans.documents.uploadedAt'),
            dataIndex: 'uploadedAt',
            width: 200,
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('common.actions'),
            width: 90,
            render: (_, r) =>
              canDownload && (
                <Button
                  type="link"
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    void invoke('documents.download', { documentId: r.id })
                      .then((f) => saveBase64(f.fileName, f.mime, f.base64))
                      .then((saved) => {
                        if (saved.kind === 'saved') void message.success(t('files.saved', { path: saved.path }));
                      }, fail)
                  }
                >
                  {t('loans.documents.download')}
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}

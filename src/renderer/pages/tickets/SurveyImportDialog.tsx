/** Satisfaction scores from a survey export: pick a CSV or XLSX file, read the
 *  row-by-row report, import. A file with any bad row imports nothing. */
import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { fileToBase64 } from '../../components/base64';

type Report = Api['tickets.importSatisfaction']['output'];
type Picked = { fileName: string; contentBase64: string };

export function SurveyImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const run = useApiMutation('tickets.importSatisfaction');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const close = () => {
    setPicked(null);
    setReport(null);
    onClose();
  };
  const fail = (e: { code: string; details: Record<string, unknown> }) => void message.error(error(e.code, e.details));
  const pick = async (file: File) => {
    setReport(null);
    const next = { fileName: file.name, contentBase64: await fileToBase64(file) };
    setPicked(next);
    run.mutate({ ...next, dryRun: true }, { onSuccess: setReport, onError: fail });
  };
  const confirm = () => {
    if (!picked) return;
    run.mutate(
      { ...picked, dryRun: false },
      {
        onSuccess: (r) => {
          if (r.failed === 0) {
            void message.success(t('tickets.survey.done', { n: r.imported }));
            close();
          } else setReport(r);
        },
        onError: fail,
      },
    );
  };
  const good = report !== null && report.failed === 0;
  return (
    <Modal
      open={open}
      title={t('tickets.survey.title')}
      onCancel={close}
      width={720}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!good} loading={run.isPending} onClick={confirm} data-testid="survey-import">
            {t('tickets.survey.import', { n: report?.total ?? 0 })}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('tickets.survey.hint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,.xlsx,.txt"
        showUploadList={false}
        beforeUpload={(file) => {
          void pick(file);
          return false;
        }}
        data-testid="survey-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{picked?.fileName ?? t('tickets.survey.pick')}</p>
      </Upload.Dragger>
      {report && (
        <>
          <Alert
            style={{ margin: '12px 0' }}
            type={good ? 'success' : 'warning'}
            showIcon
            title={
              good
                ? t('tickets.survey.allGood', { n: report.total })
                : t('tickets.survey.someBad', { bad: report.failed, n: report.total })
            }
            data-testid="survey-report"
          />
          <Table
            rowKey="row"
            size="small"
            pagination={false}
            scroll={{ y: 260 }}
            dataSource={report.rows}
            columns={[
              { title: t('tickets.survey.row'), dataIndex: 'row', width: 60, align: 'right' },
              { title: t('tickets.survey.ticket'), dataIndex: 'ticketNumber', width: 110 },
              {
                title: t('tickets.survey.issues'),
                key: 'errors',
                render: (_: unknown, r: Report['rows'][number]) =>
                  r.ok ? (
                    <Tag color="green">{t('tickets.survey.ok')}</Tag>
                  ) : (
                    <Space orientation="vertical" size={0}>
                      {r.errors.map((e, i) => (
                        <Typography.Text type="danger" key={i}>
                          {t(`tickets.survey.column.${e.field === 'file' ? 'ticket' : e.field}` as MessageKey)}
                          {t('shell.colon')}
                          {error(e.code, e.details)}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}

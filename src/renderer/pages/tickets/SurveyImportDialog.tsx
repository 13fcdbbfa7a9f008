/** Satisfaction scores from a survey export: pick a CSV or XLSX file, read the
 *  row-by-row report, import. A file with any bad row imports nothing. */
import { Alert, App, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { FileDropper, useFileImport } from '../../components/fileImport';

type Report = Api['tickets.importSatisfaction']['output'];

export function SurveyImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const run = useApiMutation('tickets.importSatisfaction');
  const { picked, report, clear, pick, confirm } = useFileImport<Report>({
    send: (file, dryRun, handlers) => run.mutate({ ...file, dryRun }, handlers),
    imported: (r) => r.failed === 0,
    onImported: (r) => {
      void message.success(t('tickets.survey.done', { n: r.imported }));
      close();
    },
  });
  const close = () => {
    clear();
    onClose();
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
      <FileDropper
        accept=".csv,.xlsx,.txt"
        fileName={picked?.fileName}
        prompt={t('tickets.survey.pick')}
        onFile={(file) => void pick(file)}
        testId="survey-file"
      />
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

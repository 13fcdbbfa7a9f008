/** Import customers from CSV or XLSX: pick a file, read the dry-run report row by
 *  row, confirm consent, import. All or nothing: one bad row imports none. */
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Modal, Space, Table, Tag, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { MAX_IMPORT_ROWS } from '../../../contract/schemas/customers';
import { FileDropper, useFileImport } from '../../components/fileImport';
import { WatchlistFlag } from './WatchlistHits';

type Report = Api['customers.import']['output'];
type RowReport = Report['rows'][number];

export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const run = useApiMutation('customers.import');
  const [consent, setConsent] = useState(false);
  const [onlyErrors, setOnlyErrors] = useState(true);
  const { picked, report, clear, pick, confirm } = useFileImport<Report>({
    send: (file, dryRun, handlers) => run.mutate({ ...file, dryRun, ...(dryRun ? {} : { consent: true }) }, handlers),
    imported: (result) => result.ok,
    onImported: (result) => {
      void message.success(t('customers.import.done', { n: result.imported }));
      close();
    },
  });
  const close = () => {
    clear();
    setConsent(false);
    onClose();
  };

  const fieldLabel = (field: string) => t(`customers.field.${field}` as MessageKey);
  const issueText = (code: string, details?: Record<string, unknown>) => error(code, details ?? {});
  const rows = report ? (onlyErrors && !report.ok ? report.rows.filter((r) => !r.ok) : report.rows) : [];

  return (
    <Modal
      open={open}
      title={t('customers.import.title')}
      onCancel={close}
      width={860}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            disabled={!report?.ok || !consent}
            loading={run.isPending && report !== null}
            onClick={confirm}
            data-testid="import-confirm"
          >
            {t('customers.import.confirm', { n: report?.rows.length ?? 0 })}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <FileDropper
          accept=".csv,.xlsx"
          fileName={picked?.fileName}
          prompt={t('customers.import.pick')}
          hint={t('customers.import.hint', { max: MAX_IMPORT_ROWS })}
          onFile={(file) => {
            setConsent(false);
            void pick(file);
          }}
        />
        {run.isPending && report === null && <Typography.Text>{t('customers.import.checking')}</Typography.Text>}
        {report && (
          <>
            <Alert
              type={report.ok ? 'success' : 'error'}
              showIcon
              title={
                report.ok
                  ? t('customers.import.allGood', { n: report.rows.length })
                  : t('customers.import.someBad', { bad: report.failedRows, n: report.rows.length })
              }
              description={
                report.ignoredColumns.length > 0
                  ? t('customers.import.ignored', { columns: report.ignoredColumns.join(', ') })
                  : undefined
              }
            />
            {!report.ok && (
              <Checkbox checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)}>
                {t('customers.import.onlyErrors')}
              </Checkbox>
            )}
            <Table<RowReport>
              rowKey="row"
              size="small"
              sticky
              data-testid="import-report"
              dataSource={rows}
              pagination={{ pageSize: 50, size: 'small', showSizeChanger: false }}
              scroll={{ y: 320 }}
              columns={[
                { title: t('customers.import.row'), dataIndex: 'row', width: 70, align: 'right' },
                {
                  title: t('customers.import.result'),
                  dataIndex: 'ok',
                  width: 90,
                  render: (ok: boolean) =>
                    ok ? (
                      <Tag color="green">{t('customers.import.ok')}</Tag>
                    ) : (
                      <Tag color="red">{t('customers.import.bad')}</Tag>
                    ),
                },
                {
                  title: t('customers.import.problems'),
                  render: (_, r) =>
                    r.errors.length === 0 ? (
                      <WatchlistFlag flag={r.watchlistFlag} />
                    ) : (
                      <Space orientation="vertical" size={0}>
                        {r.errors.map((e, i) => (
                          <span key={i}>
                            <Typography.Text strong>{fieldLabel(e.field)}</Typography.Text>
                            {t('shell.colon')}
                            {issueText(e.code, e.details)}
                          </span>
                        ))}
                      </Space>
                    ),
                },
              ]}
            />
            {report.ok && (
              <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="import-consent">
                {t('customers.import.consent')}
              </Checkbox>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}

/** Backup and restore for the administrator: the schedule (folder, interval,
 *  generations kept), the backup passphrase, a backup now, the backups in the
 *  folder (checked byte for byte on demand), and restoring one into a new
 *  profile folder, verified before it can be used. */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CloudDownloadOutlined, SafetyCertificateOutlined, UndoOutlined } from '@ant-design/icons';
import { useApi, useApiMutation } from '../../api/hooks';
import { invoke, type Api, type ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/dates';

type Status = Api['backup.status']['output'];
type BackupFile = Status['files'][number];
type Report = Api['backup.restore']['output'];

function size(bytes: number): string {
  return bytes > 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function BackupPage() {
  const { t } = useI18n();
  const status = useApi('backup.status', {});
  if (!status.data) return null;
  return (
    <>
      <PageHeader title={t('backup.title')} />
      <Row gutter={12}>
        <Col span={12}>
          <Schedule status={status.data} />
        </Col>
        <Col span={12}>
          <Passphrase status={status.data} />
          <BackupNow status={status.data} />
        </Col>
      </Row>
      <Files status={status.data} />
    </>
  );
}

function useErrors() {
  const { error } = useI18n();
  const { message } = App.useApp();
  return (e: unknown) => void message.error(error((e as ApiError).code, (e as ApiError).details));
}

function Schedule({ status }: { status: Status }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useErrors();
  const save = useApiMutation('backup.configure');
  return (
    <Card size="small" title={t('backup.schedule')} style={{ marginBottom: 12 }}>
      <Form
        layout="horizontal"
        labelCol={{ span: 9 }}
        initialValues={status.settings}
        onFinish={(v: Status['settings']) =>
          save.mutate(v, { onSuccess: () => void message.success(t('backup.saved')), onError })
        }
      >
        <Form.Item name="folder" label={t('backup.folder')} extra={t('backup.folderHint')}>
          <Input placeholder="/home/user/LoanDesk-backups" data-testid="backup-folder" />
        </Form.Item>
        <Form.Item name="enabled" label={t('backup.enabled')} valuePropName="checked">
          <Switch data-testid="backup-enabled" />
        </Form.Item>
        <Form.Item name="intervalHours" label={t('backup.interval')}>
          <InputNumber min={1} max={720} addonAfter={t('backup.hours')} />
        </Form.Item>
        <Form.Item name="keep" label={t('backup.keep')}>
          <InputNumber min={1} max={365} />
        </Form.Item>
        <Form.Item wrapperCol={{ offset: 9 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="backup-save">
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {status.nextDueAt ? t('backup.nextDue', { at: formatDateTime(status.nextDueAt) }) : t('backup.notScheduled')}
      </Typography.Text>
    </Card>
  );
}

function Passphrase({ status }: { status: Status }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useErrors();
  const set = useApiMutation('backup.setPassphrase');
  const [form] = Form.useForm<{ passphrase: string; confirm: string }>();
  return (
    <Card
      size="small"
      title={t('backup.passphrase')}
      style={{ marginBottom: 12 }}
      extra={
        status.passphraseSet ? (
          <Tag color="green">{t('backup.passphraseSet')}</Tag>
        ) : (
          <Tag color="orange">{t('backup.passphraseUnset')}</Tag>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('backup.passphraseIntro')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) =>
          set.mutate(v, {
            onSuccess: () => {
              form.resetFields();
              void message.success(t('backup.passphraseSaved'));
            },
            onError,
          })
        }
      >
        <Form.Item name="passphrase" rules={[{ required: true, min: 8, message: t('backup.passphraseRule') }]}>
          <Input.Password placeholder={t('backup.passphrase')} style={{ width: 170 }} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" rules={[{ required: true }]}>
          <Input.Password placeholder={t('vault.confirm')} style={{ width: 150 }} autoComplete="new-password" />
        </Form.Item>
        <Button htmlType="submit" loading={set.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function BackupNow({ status }: { status: Status }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useErrors();
  const run = useApiMutation('backup.run');
  const last = status.runs[0];
  return (
    <Card size="small" title={t('backup.now')} style={{ marginBottom: 12 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button
          type="primary"
          icon={<CloudDownloadOutlined />}
          disabled={!status.settings.folder}
          loading={run.isPending}
          onClick={() =>
            run.mutate(
              {},
              {
                onSuccess: (r) => void message.success(t('backup.made', { file: r.file, size: size(r.bytes) })),
                onError,
              },
            )
          }
          data-testid="backup-run"
        >
          {t('backup.runNow')}
        </Button>
        {!status.settings.folder && <Typography.Text type="warning">{t('backup.folderFirst')}</Typography.Text>}
        {last && (
          <Typography.Text
            type={last.outcome === 'ok' ? 'secondary' : 'danger'}
            style={{ fontSize: 12 }}
            data-testid="backup-last"
          >
            {last.outcome === 'ok'
              ? t('backup.lastOk', { at: formatDateTime(last.at), size: size(last.bytes) })
              : t('backup.lastFailed', { at: formatDateTime(last.at), code: last.error ?? '' })}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function Files({ status }: { status: Status }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [restoring, setRestoring] = useState<BackupFile | null>(null);
  const verify = async (file: string) => {
    try {
      const r = await invoke('backup.verify', { file });
      void message.success(t('backup.verified', { date: r.businessDate ?? '', at: formatDateTime(r.createdAt) }));
    } catch (e) {
      void message.error(error((e as ApiError).code, (e as ApiError).details));
    }
  };
  return (
    <Card size="small" title={t('backup.files', { folder: status.settings.folder || '—' })}>
      <Table<BackupFile>
        rowKey="file"
        size="small"
        pagination={false}
        dataSource={status.files}
        data-testid="backup-files"
        locale={{ emptyText: t('backup.noFiles') }}
        columns={[
          {
            title: t('backup.col.name'),
            dataIndex: 'name',
            render: (v: string) => <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{v}</span>,
          },
          {
            title: t('backup.col.created'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string | null) => (v ? formatDateTime(v) : '—'),
          },
          { title: t('backup.col.businessDate'), dataIndex: 'businessDate', width: 100 },
          {
            title: t('backup.col.size'),
            dataIndex: 'bytes',
            width: 90,
            align: 'right',
            render: (v: number) => size(v),
          },
          {
            title: t('backup.col.key'),
            width: 130,
            render: (_, f) =>
              !f.readable ? (
                <Tag color="red">{t('backup.unreadable')}</Tag>
              ) : f.hasPassphraseKey ? (
                <Tag color="green">{t('backup.keyPassphrase')}</Tag>
              ) : (
                <Tag>{t('backup.keyProfile')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            width: 190,
            render: (_, f) => (
              <Space>
                <Button
                  size="small"
                  icon={<SafetyCertificateOutlined />}
                  onClick={() => void verify(f.file)}
                  data-testid="backup-verify"
                >
                  {t('backup.verify')}
                </Button>
                <Button
                  size="small"
                  icon={<UndoOutlined />}
                  onClick={() => setRestoring(f)}
                  data-testid="backup-restore"
                >
                  {t('backup.restore')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {restoring && <RestoreDialog file={restoring} onClose={() => setRestoring(null)} />}
    </Card>
  );
}

function RestoreDialog({ file, onClose }: { file: BackupFile; onClose: () => void }) {
  const { t, error } = useI18n();
  const [form] = Form.useForm<{ into: string; backupPassphrase?: string; newPassphrase?: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const submit = async (v: { into: string; backupPassphrase?: string; newPassphrase?: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      setReport(
        await invoke('backup.restore', {
          file: file.file,
          into: v.into.trim(),
          backupPassphrase: v.backupPassphrase || undefined,
          newPassphrase: v.newPassphrase || undefined,
        }),
      );
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const folder = file.file.slice(0, file.file.length - file.name.length);
  return (
    <Modal
      open
      width={640}
      title={t('backup.restoreTitle', { name: file.name })}
      onCancel={onClose}
      footer={
        report ? (
          <Button onClick={onClose}>{t('common.confirm')}</Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="restore-submit">
              {t('backup.restoreRun')}
            </Button>
          </Space>
        )
      }
    >
      {report ? (
        <Alert
          type="success"
          showIcon
          data-testid="restore-report"
          message={t('backup.restoredTitle')}
          description={
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('backup.into')}>{report.into}</Descriptions.Item>
              <Descriptions.Item label={t('backup.check.integrity')}>{t('backup.check.ok')}</Descriptions.Item>
              <Descriptions.Item label={t('backup.check.audit')}>
                {t('backup.check.records', { n: report.checks.auditRecords })}
              </Descriptions.Item>
              <Descriptions.Item label={t('backup.check.journal')}>
                {t('backup.check.records', { n: report.checks.journalEntries })}
              </Descriptions.Item>
              <Descriptions.Item label={t('backup.check.trial')}>{t('backup.check.balanced')}</Descriptions.Item>
              <Descriptions.Item label={t('backup.howToOpen')}>
                <Typography.Text code copyable>{`LOANDESK_HOME=${report.into} npm start`}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          }
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('backup.restoreIntro')}</Typography.Paragraph>
          {failure && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="restore-error"
              data-code={failure.code}
              message={error(failure.code, failure.details)}
            />
          )}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ into: `${folder}restored-${file.businessDate ?? 'profile'}` }}
            onFinish={(v) => void submit(v)}
          >
            <Form.Item name="into" label={t('backup.into')} extra={t('backup.intoHint')} rules={[{ required: true }]}>
              <Input data-testid="restore-into" />
            </Form.Item>
            <Form.Item
              name="backupPassphrase"
              label={t('backup.backupPassphrase')}
              extra={t('backup.backupPassphraseHint')}
            >
              <Input.Password data-testid="restore-backup-passphrase" autoComplete="off" />
            </Form.Item>
            <Form.Item name="newPassphrase" label={t('backup.newPassphrase')} extra={t('backup.newPassphraseHint')}>
              <Input.Password data-testid="restore-new-passphrase" autoComplete="new-password" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

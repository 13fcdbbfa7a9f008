/** The administrator's Sync server screen. Before this desktop has a server: attach
 *  the company to an empty one (address, setup code, optional certificate pin).
 *  After: one-time enrollment codes for new desktops (head office or chosen
 *  branches; the code, its expiry, a copy button and the three steps on the new
 *  desktop) and the company's devices, each of which can be revoked. */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { LinkOutlined, PlusOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useApi, useApiMutation } from '../../api/hooks';
import type { ButtonProps } from 'antd';
import type { Api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { zodRule } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { certificatePin, serverUrl } from '../../../contract/schemas/sync';
import { useSyncLive } from './SyncLive';
import { useBranchNames } from './SyncPage';
import { formatDateTime } from '../../components/dates';

type Device = Api['sync.devices']['output'][number];
type Code = Api['sync.enrollCode']['output'];

export function SyncServerPage() {
  const { t } = useI18n();
  const { status } = useSyncLive();
  // Held here: the attach form is gone as soon as this desktop has a server.
  const attach = useApiMutation('sync.attach');
  if (!status) return null;
  return (
    <>
      <PageHeader
        title={t('syncServer.title')}
        extra={
          status.configured && (
            <Space>
              <Tag color="green" icon={<LinkOutlined />}>
                {t('syncServer.connected')}
              </Tag>
              <Typography.Text code data-testid="sync-server-url">
                {status.server}
              </Typography.Text>
            </Space>
          )
        }
      />
      {status.configured ? (
        <>
          {attach.data && (
            <Alert
              type="success"
              showIcon
              closable
              style={{ marginBottom: 12 }}
              message={t('syncServer.attached', { pushed: attach.data.pushed })}
              data-testid="sync-attached"
            />
          )}
          <Enrollment headOffice={status.branches === null} />
          <Devices ownNo={status.deviceNo} headOffice={status.branches === null} />
        </>
      ) : (
        <Attach attach={attach} />
      )}
    </>
  );
}

function Attach({ attach }: { attach: ReturnType<typeof useApiMutation<'sync.attach'>> }) {
  const { t, error } = useI18n();
  const [form] = Form.useForm<{ serverUrl: string; setupCode: string; pin?: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <Card size="small" title={t('syncServer.attachTitle')} style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">{t('syncServer.attachIntro')}</Typography.Paragraph>
      {failure && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={failure} data-testid="sync-attach-error" />
      )}
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onValuesChange={() => setFailure(null)}
        onFinish={(v) => {
          setFailure(null);
          attach.mutate(
            { serverUrl: v.serverUrl.trim(), setupCode: v.setupCode.trim(), pin: v.pin?.trim() || undefined },
            {
              // A server that holds a company already is said in this screen's words.
              onError: (e) =>
                applyApiError(
                  e,
                  form,
                  (code, details) =>
                    code === 'SETUP_ALREADY_DONE' ? t('syncServer.serverNotEmpty') : error(code, details),
                  setFailure,
                ),
            },
          );
        }}
      >
        <Form.Item
          name="serverUrl"
          label={t('syncServer.serverUrl')}
          extra={t('syncServer.serverUrlHint')}
          rules={[zodRule(serverUrl)]}
        >
          <Input placeholder="https://sync.example.com:8787" data-testid="sync-attach-url" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="setupCode"
          label={t('syncServer.setupCode')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input placeholder="XXXXX-XXXXX-XXXXX-XXXXX" data-testid="sync-attach-code" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="pin"
          label={t('syncServer.pin')}
          extra={t('syncServer.pinHint')}
          rules={[zodRule(certificatePin)]}
        >
          <Input placeholder="AB:CD:…" data-testid="sync-attach-pin" autoComplete="off" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={attach.isPending} data-testid="sync-attach-submit">
            {t('syncServer.attach')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function Enrollment({ headOffice }: { headOffice: boolean }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const branches = useApi('branches.list', {});
  const branchNames = useBranchNames();
  const create = useApiMutation('sync.enrollCode');
  const [scope, setScope] = useState<'all' | 'branches'>('branches');
  const [chosen, setChosen] = useState<string[]>([]);
  const [code, setCode] = useState<(Code & { branchIds: string[] | null }) | null>(null);
  const server = useSyncLive().status?.server ?? '';
  const branchIds = scope === 'all' ? null : chosen;
  const command = code ? `npx loandesk sync join --server ${server} --code ${code.code}` : '';
  return (
    <Card size="small" title={t('syncServer.enrollTitle')} style={{ marginBottom: 12 }}>
      {!headOffice ? (
        <Alert type="info" showIcon message={t('syncServer.headOfficeOnly')} />
      ) : (
        <div style={{ display: 'flex', gap: 24, alignItems: 'flex-start' }}>
          <div style={{ flex: '0 0 420px' }}>
            <Typography.Paragraph type="secondary">{t('syncServer.enrollIntro')}</Typography.Paragraph>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Radio.Group
                value={scope}
                onChange={(e) => setScope(e.target.value as 'all' | 'branches')}
                data-testid="sync-enroll-scope"
              >
                <Radio value="branches" data-testid="sync-enroll-scope-branches">
                  {t('syncServer.scopeBranches')}
                </Radio>
                <Radio value="all" data-testid="sync-enroll-scope-all">
                  {t('syncServer.scopeAll')}
                </Radio>
              </Radio.Group>
              {scope === 'branches' && (
                <Select
                  mode="multiple"
                  style={{ width: '100%' }}
                  placeholder={t('syncServer.branchesPlaceholder')}
                  value={chosen}
                  onChange={setChosen}
                  options={(branches.data ?? []).map((b) => ({ value: b.id, label: `${b.code} · ${b.name}` }))}
                  data-testid="sync-enroll-branches"
                />
              )}
              <Button
                type="primary"
                icon={<PlusOutlined />}
                loading={create.isPending}
                disabled={branchIds !== null && branchIds.length === 0}
                onClick={() =>
                  create.mutate(
                    { branchIds },
                    {
                      onSuccess: (r) => setCode({ ...r, branchIds }),
                      onError: (e) => void message.error(error(e.code, e.details)),
                    },
                  )
                }
                data-testid="sync-enroll-create"
              >
                {t('syncServer.create')}
              </Button>
              {branchIds !== null && branchIds.length === 0 && (
                <Typography.Text type="secondary">{t('syncServer.branchesRequired')}</Typography.Text>
              )}
            </Space>
          </div>
          {code && (
            <div style={{ flex: 1, minWidth: 0 }} data-testid="sync-enroll-result">
              <Typography.Text type="secondary">{t('syncServer.code')}</Typography.Text>
              <div>
                <Typography.Text
                  copyable
                  strong
                  style={{ fontFamily: 'monospace', fontSize: 20, letterSpacing: 1 }}
                  data-testid="sync-enroll-code"
                >
                  {code.code}
                </Typography.Text>
              </div>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="sync-enroll-expires">
                {t('syncServer.expires', { at: formatDateTime(code.expiresAt) })}
              </Typography.Paragraph>
              <ol style={{ paddingInlineStart: 20, marginBottom: 8 }}>
                <li>{t('syncServer.step1')}</li>
                <li>
                  {t('syncServer.step2')}
                  <div>
                    <Typography.Text code copyable data-testid="sync-enroll-command">
                      {command}
                    </Typography.Text>
                  </div>
                </li>
                <li>{t('syncServer.step3', { scope: branchNames(code.branchIds) })}</li>
              </ol>
              <Alert type="warning" showIcon message={t('syncServer.codeSecret')} />
            </div>
          )}
        </div>
      )}
    </Card>
  );
}

function Devices({ ownNo, headOffice }: { ownNo: number | null; headOffice: boolean }) {
  const { t, error } = useI18n();
  const { message, modal } = App.useApp();
  const devices = useApi('sync.devices', {});
  const revoke = useApiMutation('sync.revoke');
  const branchNames = useBranchNames();
  const short = (iso: string) => formatDateTime(iso);
  const when = (iso: string | null) => (
    <span style={{ whiteSpace: 'nowrap' }}>{iso ? short(iso) : t('sync.never')}</span>
  );
  const confirmRevoke = (d: Device) =>
    modal.confirm({
      title: t('syncServer.revokeTitle', { no: d.deviceNo }),
      content: t('syncServer.revokeBody'),
      okText: t('syncServer.revoke'),
      okButtonProps: { danger: true, 'data-testid': 'sync-revoke-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: () =>
        revoke
          .mutateAsync({ deviceId: d.id })
          .then(() => void message.success(t('syncServer.revokedOk', { no: d.deviceNo })))
          .catch((e: ApiError) => void message.error(error(e.code, e.details))),
    });
  return (
    <Card
      size="small"
      title={t('syncServer.devices')}
      extra={
        <Button
          size="small"
          icon={<ReloadOutlined />}
          loading={devices.isFetching}
          onClick={() => void devices.refetch()}
          data-testid="sync-devices-refresh"
        >
          {t('common.refresh')}
        </Button>
      }
    >
      {devices.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('syncServer.devicesError', { error: error(devices.error.code, devices.error.details) })}
        />
      )}
      <Table<Device>
        rowKey="id"
        size="small"
        bordered
        loading={devices.isLoading}
        dataSource={devices.data ?? []}
        pagination={false}
        data-testid="sync-devices"
        onRow={(d) => ({ 'data-testid': `sync-device-${d.deviceNo}` }) as object}
        columns={[
          {
            title: t('syncServer.col.device'),
            key: 'device',
            width: 230,
            render: (_, d) => (
              <Space size={4} style={{ whiteSpace: 'nowrap' }}>
                <strong>#{d.deviceNo}</strong>
                <span>{d.name}</span>
                {d.deviceNo === ownNo && <Tag color="blue">{t('syncServer.thisDevice')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('syncServer.col.branches'),
            dataIndex: 'branches',
            render: (v: string[] | null) => branchNames(v),
          },
          { title: t('syncServer.col.enrolled'), dataIndex: 'enrolledAt', width: 140, render: when },
          {
            title: t('syncServer.col.lastSeen'),
            key: 'lastSeen',
            width: 140,
            render: (_, d) =>
              when(
                [d.lastPushAt, d.lastPullAt]
                  .filter((x): x is string => !!x)
                  .sort()
                  .at(-1) ?? null,
              ),
          },
          { title: t('syncServer.col.lag'), dataIndex: 'lagEvents', width: 70, align: 'right' },
          {
            title: t('syncServer.col.status'),
            key: 'status',
            width: 200,
            render: (_, d) =>
              d.revokedAt ? (
                <Tag color="red" data-testid="sync-device-revoked">
                  {t('syncServer.revokedAt', { at: short(d.revokedAt) })}
                </Tag>
              ) : (
                <Tag color="green">{t('syncServer.active')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_, d) =>
              headOffice &&
              !d.revokedAt &&
              d.deviceNo !== ownNo && (
                <Button
                  size="small"
                  danger
                  type="link"
                  icon={<StopOutlined />}
                  onClick={() => confirmRevoke(d)}
                  data-testid="sync-revoke"
                >
                  {t('syncServer.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

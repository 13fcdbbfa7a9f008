/** Admin: users (add, role, branch, approval limit, reset password, disable) and branches. */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { useApi, useApiMutation } from '../../api/hooks';
import type { Api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { MoneyInput } from '../../components/MoneyInput';
import { zodRule } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { createBranchInput, createUserInput } from '../../../contract/schemas/users';
import { password } from '../../../contract/schemas/app';
import { ROLES } from '../../../core/auth/permissions';
import { formatDateTime } from '../../components/dates';

type UserRow = Api['users.list']['output'][number];
type Editing = { mode: 'create' } | { mode: 'edit'; user: UserRow } | { mode: 'reset'; user: UserRow } | null;

export function UsersPage() {
  const { t, error, money } = useI18n();
  const { message } = App.useApp();
  const users = useApi('users.list', {});
  const branches = useApi('branches.list', {});
  const create = useApiMutation('users.create');
  const update = useApiMutation('users.update');
  const reset = useApiMutation('users.resetPassword');
  const createBranch = useApiMutation('branches.create');
  const [editing, setEditing] = useState<Editing>(null);
  const [branchOpen, setBranchOpen] = useState(false);
  const [form] = Form.useForm();
  const [branchForm] = Form.useForm();
  const branchName = (id: string | null) => branches.data?.find((b) => b.id === id)?.name ?? '—';
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  const branchOptions = (branches.data ?? []).map((b) => ({ value: b.id, label: `${b.code} · ${b.name}` }));
  const notify = (text: string) => void message.error(text);
  const done = () => {
    void message.success(t('users.saved'));
    setEditing(null);
    form.resetFields();
  };

  const open = (next: Editing) => {
    form.resetFields();
    if (next?.mode === 'edit') form.setFieldsValue(next.user);
    setEditing(next);
  };

  const submit = (values: Record<string, unknown>) => {
    if (editing?.mode === 'create')
      create.mutate(values as Api['users.create']['input'], {
        onSuccess: done,
        onError: (e) => applyApiError(e, form, error, notify),
      });
    if (editing?.mode === 'edit') {
      const { displayName, role, branchId, approvalLimitFen } = values as UserRow;
      update.mutate(
        {
          userId: editing.user.id,
          displayName,
          role: role as UserRow['role'] & (typeof ROLES)[number],
          branchId,
          approvalLimitFen,
        },
        { onSuccess: done, onError: (e) => applyApiError(e, form, error, notify) },
      );
    }
    if (editing?.mode === 'reset')
      reset.mutate(
        { userId: editing.user.id, newPassword: String(values.newPassword) },
        { onSuccess: done, onError: (e) => applyApiError(e, form, error, notify) },
      );
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => open({ mode: 'create' })}
            data-testid="user-add"
          >
            {t('users.add')}
          </Button>
        }
      />
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={users.isPending}
        dataSource={users.data}
        pagination={false}
        sticky
        columns={[
          {
            title: t('users.username'),
            dataIndex: 'username',
            width: 120,
            sorter: (a, b) => a.username.localeCompare(b.username),
          },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
          {
            title: t('users.role'),
            dataIndex: 'role',
            width: 130,
            render: (r: (typeof ROLES)[number]) => t(`role.${r}`),
            filters: roleOptions.map((o) => ({ text: o.label, value: o.value })),
            onFilter: (v, r) => r.role === v,
          },
          { title: t('users.branch'), dataIndex: 'branchId', width: 140, render: branchName },
          {
            title: t('users.approvalLimit'),
            dataIndex: 'approvalLimitFen',
            width: 130,
            align: 'right',
            render: (v: number) => money(v),
          },
          {
            title: t('users.status'),
            width: 150,
            render: (_, u) => (
              <Space size={4}>
                {u.disabled ? (
                  <Tag color="red">{t('users.disabled')}</Tag>
                ) : (
                  <Tag color="green">{t('users.active')}</Tag>
                )}
                {u.lockedUntil && u.lockedUntil > new Date().toISOString() && (
                  <Tag color="orange">{t('users.locked')}</Tag>
                )}
                {u.totpEnabled && <Tag color="blue">{t('users.totp')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            render: (_, u) => (
              <Space size={0}>
                <Button type="link" onClick={() => open({ mode: 'edit', user: u })}>
                  {t('common.edit')}
                </Button>
                <Button type="link" onClick={() => open({ mode: 'reset', user: u })}>
                  {t('users.resetPassword')}
                </Button>
                <Button
                  type="link"
                  danger={!u.disabled}
                  onClick={() =>
                    update.mutate(
                      { userId: u.id, disabled: !u.disabled },
                      { onError: (e) => notify(error(e.code, e.details)) },
                    )
                  }
                >
                  {u.disabled ? t('users.enable') : t('users.disable')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Card
        size="small"
        title={t('users.branches')}
        style={{ marginTop: 16 }}
        extra={
          <Button size="small" onClick={() => setBranchOpen(true)}>
            {t('users.addBranch')}
          </Button>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={branches.data}
          columns={[
            { title: t('users.branchCode'), dataIndex: 'code', width: 120 },
            { title: t('users.branchName'), dataIndex: 'name' },
            {
              title: t('audit.at'),
              dataIndex: 'createdAt',
              width: 200,
              render: (v: string) => formatDateTime(v),
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={
          editing?.mode === 'create'
            ? t('users.add')
            : editing?.mode === 'reset'
              ? `${t('users.resetPassword')} · ${editing.user.username}`
              : editing
                ? `${t('common.edit')} · ${editing.user.username}`
                : ''
        }
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending || update.isPending || reset.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ role: 'loan_officer', approvalLimitFen: 0, branchId: null }}
        >
          {editing?.mode === 'create' && (
            <Form.Item name="username" label={t('users.username')} rules={[zodRule(createUserInput.shape.username)]}>
              <Input data-testid="user-username" />
            </Form.Item>
          )}
          {editing?.mode !== 'reset' && (
            <>
              <Form.Item
                name="displayName"
                label={t('users.displayName')}
                rules={[zodRule(createUserInput.shape.displayName)]}
              >
                <Input data-testid="user-displayname" />
              </Form.Item>
              <Form.Item name="role" label={t('users.role')} rules={[zodRule(createUserInput.shape.role)]}>
                <Select options={roleOptions} />
              </Form.Item>
              <Form.Item name="branchId" label={t('users.branch')}>
                <Select options={[{ value: null, label: '—' }, ...branchOptions]} />
              </Form.Item>
              <Form.Item
                name="approvalLimitFen"
                label={t('users.approvalLimit')}
                rules={[zodRule(createUserInput.shape.approvalLimitFen)]}
              >
                <MoneyInput />
              </Form.Item>
            </>
          )}
          {editing?.mode === 'create' && (
            <Form.Item
              name="initialPassword"
              label={t('users.initialPassword')}
              rules={[zodRule(password)]}
              extra={t('users.initialPasswordHint')}
            >
              <Input.Password data-testid="user-password" />
            </Form.Item>
          )}
          {editing?.mode === 'reset' && (
            <Form.Item
              name="newPassword"
              label={t('users.newPassword')}
              rules={[zodRule(password)]}
              extra={t('users.initialPasswordHint')}
            >
              <Input.Password />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={branchOpen}
        title={t('users.addBranch')}
        onCancel={() => setBranchOpen(false)}
        onOk={() => branchForm.submit()}
        destroyOnHidden
      >
        <Form
          form={branchForm}
          layout="vertical"
          onFinish={(v: Api['branches.create']['input']) =>
            createBranch.mutate(v, {
              onSuccess: () => setBranchOpen(false),
              onError: (e) => applyApiError(e, branchForm, error, notify),
            })
          }
        >
          <Form.Item name="code" label={t('users.branchCode')} rules={[zodRule(createBranchInput.shape.code)]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('users.branchName')} rules={[zodRule(createBranchInput.shape.name)]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** One customer, masked; "reveal" (for roles that hold customers.reveal) shows the
 *  clear identifiers until the drawer closes, and the main process audits it. */
import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Space, Spin, Tag } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { MoneyInput } from '../../components/MoneyInput';
import { zodRule } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { updateCustomerForm } from '../../../contract/schemas/customers';
import { useCan } from '../../api/session';
import { WatchlistFlag, WatchlistHitsAlert } from './WatchlistHits';

type Customer = Api['customers.get']['output'];
type Revealed = Api['customers.reveal']['output'];

export function CustomerDrawer({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t, error, money, language } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const customer = useApi('customers.get', { customerId });
  const reveal = useApiMutation('customers.reveal');
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [editing, setEditing] = useState(false);
  const c = customer.data;
  const shown = (clear: string | null | undefined, masked: string | null) =>
    (revealed && clear !== undefined ? clear : masked) ?? '—';
  const mono = { fontFamily: 'monospace' };

  return (
    <Drawer
      open
      size={560}
      onClose={onClose}
      title={c ? `${c.number} · ${c.name}` : t('common.loading')}
      extra={
        c && (
          <Space>
            {can('customers.reveal') && !revealed && (
              <Button
                icon={<EyeOutlined />}
                loading={reveal.isPending}
                data-testid="customer-reveal"
                onClick={() =>
                  reveal.mutate(
                    { customerId },
                    { onSuccess: setRevealed, onError: (e) => void message.error(error(e.code, e.details)) },
                  )
                }
              >
                {t('customers.reveal')}
              </Button>
            )}
            {can('customers.write') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!c ? (
        <Spin />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <WatchlistHitsAlert hits={c.watchlistHits} />
          {revealed && <Tag color="gold">{t('customers.revealedNote')}</Tag>}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('customers.field.kind')}>
              <Tag>{t(`customers.kind.${c.kind}`)}</Tag>
              <WatchlistFlag flag={c.watchlistFlag} />
            </Descriptions.Item>
            {c.kind === 'person' ? (
              <>
                <Descriptions.Item label={t('customers.field.residentId')}>
                  <span style={mono} data-testid="customer-resident-id-value">
                    {shown(revealed?.residentId, c.residentIdMasked)}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.field.ageSex')}>
                  {c.age ?? '—'} · {c.sex ? t(`customers.sex.${c.sex}`) : '—'}
                </Descriptions.Item>
              </>
            ) : (
              <>
                <Descriptions.Item label={t('customers.field.creditCode')}>
                  <span style={mono}>{c.creditCode}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.field.legalRep')}>
                  {c.legalRep ? `${c.legalRep.number} · ${c.legalRep.name}` : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.field.registeredCapital')}>
                  {c.registeredCapitalFen === null ? '—' : money(c.registeredCapitalFen)}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.field.industry')}>{c.industry ?? '—'}</Descriptions.Item>
              </>
            )}
            <Descriptions.Item label={t('customers.field.phone')}>
              <span style={mono}>{shown(revealed?.phone, c.phoneMasked)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.field.address')}>{c.address ?? '—'}</Descriptions.Item>
            {c.kind === 'person' && (
              <>
                <Descriptions.Item label={t('customers.field.employer')}>
                  {c.employer ?? '—'}{' '}
                  {c.employmentYears !== null && `· ${t('customers.years', { n: c.employmentYears })}`}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.field.monthlyIncome')}>
                  {c.monthlyIncomeFen === null ? '—' : money(c.monthlyIncomeFen)}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.field.monthlyDebt')}>
                  {c.monthlyDebtFen === null ? '—' : money(c.monthlyDebtFen)}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.field.bankCard')}>
                  <span style={mono}>{shown(revealed?.bankCard, c.bankCardMasked)}</span>
                </Descriptions.Item>
              </>
            )}
            <Descriptions.Item label={t('customers.field.consentAt')}>
              {new Date(c.consentAt).toLocaleString(language)}
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.field.createdAt')}>
              {new Date(c.createdAt).toLocaleString(language)}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      )}
      {c && editing && <EditDialog customer={c} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}

/** Contact, income and employment; the name and the ID are not edited. */
function EditDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const update = useApiMutation('customers.update');
  const shape = updateCustomerForm.shape;
  const rule = (schema: Parameters<typeof zodRule>[0]) => zodRule(schema, (code) => error(code));
  const person = customer.kind === 'person';
  const initial = person
    ? {
        address: customer.address,
        employer: customer.employer,
        monthlyIncomeFen: customer.monthlyIncomeFen,
        monthlyDebtFen: customer.monthlyDebtFen,
        employmentYears: customer.employmentYears,
      }
    : { address: customer.address, industry: customer.industry };

  return (
    <Modal
      open
      title={`${t('common.edit')} · ${customer.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        initialValues={initial}
        onFinish={(values: Record<string, unknown>) => {
          const changes = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
          update.mutate(
            { customerId: customer.id, expectedVersion: customer.version, ...changes },
            {
              onSuccess: () => {
                void message.success(t('customers.saved'));
                onClose();
              },
              onError: (e) => applyApiError(e, form, error, (text) => void message.error(text)),
            },
          );
        }}
      >
        <Form.Item
          name="phone"
          label={t('customers.field.phone')}
          rules={[rule(shape.phone)]}
          extra={t('customers.phoneUnchangedHint')}
        >
          <Input maxLength={20} placeholder={customer.phoneMasked ?? ''} />
        </Form.Item>
        <Form.Item name="address" label={t('customers.field.address')} rules={[rule(shape.address)]}>
          <Input />
        </Form.Item>
        {person ? (
          <>
            <Form.Item name="employer" label={t('customers.field.employer')} rules={[rule(shape.employer)]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="employmentYears"
              label={t('customers.field.employmentYears')}
              rules={[rule(shape.employmentYears)]}
            >
              <InputNumber min={0} max={60} precision={0} />
            </Form.Item>
            <Form.Item
              name="monthlyIncomeFen"
              label={t('customers.field.monthlyIncome')}
              rules={[rule(shape.monthlyIncomeFen)]}
            >
              <MoneyInput />
            </Form.Item>
            <Form.Item
              name="monthlyDebtFen"
              label={t('customers.field.monthlyDebt')}
              rules={[rule(shape.monthlyDebtFen)]}
            >
              <MoneyInput />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="industry" label={t('customers.field.industry')} rules={[rule(shape.industry)]}>
            <Input />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

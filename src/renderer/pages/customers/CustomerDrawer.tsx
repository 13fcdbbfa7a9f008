/** One customer, masked, and the customer's loans (with 新建申请 and 还款); "reveal"
 *  (for roles that hold customers.reveal) shows the clear identifiers until the
 *  drawer closes, and the main process audits it. */
import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Form, Modal, Space, Spin, Tag } from 'antd';
import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { applyApiError } from '../../components/forms';
import { DraftNotice, useFormSession } from '../../components/formSession';
import { updateCustomerForm } from '../../../contract/schemas/customers';
import { useCan } from '../../api/session';
import { WatchlistFlag, WatchlistHitsAlert } from './WatchlistHits';
import { CustomerLoans } from './CustomerLoans';
import { EmploymentYearsField, MoneyField, TextField } from './customerFields';
import { formatDateTime } from '../../components/dates';

type Customer = Api['customers.get']['output'];
type Revealed = Api['customers.reveal']['output'];

export function CustomerDrawer({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t, error, money } = useI18n();
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
      size={640}
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
            <Descriptions.Item label={t('customers.field.consentAt')}>{formatDateTime(c.consentAt)}</Descriptions.Item>
            <Descriptions.Item label={t('customers.field.createdAt')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
          </Descriptions>
          <CustomerLoans customerId={c.id} />
        </Space>
      )}
      {c && editing && <EditDialog customer={c} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}

/** Contact, income and employment; the name and the ID are not edited. Opens
 *  with the customer's values or the user's draft of this edit; closing it with
 *  changes asks first. */
function EditDialog({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const update = useApiMutation('customers.update', { perOpening: true });
  const session = useFormSession({ form, open: true, draft: `customers.edit:${customer.id}`, mutation: update });
  const shape = updateCustomerForm.shape;
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
  const leave = () => void session.confirmLeave().then((ok) => ok && onClose());

  return (
    <Modal
      open
      title={`${t('common.edit')} · ${customer.number}`}
      onCancel={leave}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <DraftNotice session={session} />
      <Form
        form={form}
        layout="vertical"
        size="small"
        initialValues={initial}
        validateTrigger="onBlur"
        onValuesChange={session.onValuesChange}
        onFinish={(values: Record<string, unknown>) => {
          const changes = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
          update.mutate(
            { customerId: customer.id, expectedVersion: customer.version, ...changes },
            {
              onSuccess: () => {
                void message.success(t('customers.saved'));
                session.finish();
                onClose();
              },
              onError: (e) => applyApiError(e, form, error, (text) => void message.error(text)),
            },
          );
        }}
      >
        <TextField
          name="phone"
          label="customers.field.phone"
          schema={shape.phone}
          extra={t('customers.phoneUnchangedHint')}
          maxLength={20}
          placeholder={customer.phoneMasked ?? ''}
        />
        <TextField name="address" label="customers.field.address" schema={shape.address} />
        {person ? (
          <>
            <TextField name="employer" label="customers.field.employer" schema={shape.employer} />
            <EmploymentYearsField schema={shape.employmentYears} />
            <MoneyField name="monthlyIncomeFen" label="customers.field.monthlyIncome" schema={shape.monthlyIncomeFen} />
            <MoneyField name="monthlyDebtFen" label="customers.field.monthlyDebt" schema={shape.monthlyDebtFen} />
          </>
        ) : (
          <TextField name="industry" label="customers.field.industry" schema={shape.industry} />
        )}
      </Form>
    </Modal>
  );
}

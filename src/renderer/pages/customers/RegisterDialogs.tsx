/** Register a person or a business customer. Fields are checked on leaving them
 *  with the schemas the main process applies (resident ID check digit included); a
 *  refusal from the main process lands on its field and nothing typed is lost. The
 *  dialog opens empty (consent unticked) or with the user's draft, one request per
 *  opening (a double click registers once and answers once), and closing it with
 *  something typed asks first. */
import { useState } from 'react';
import { App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { MoneyInput } from '../../components/MoneyInput';
import { liveRule, requiredRule, zodRule, type RuleOptions } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { DraftNotice, useFormSession } from '../../components/formSession';
import { registerBusinessForm, registerPersonForm } from '../../../contract/schemas/customers';
import { validateResidentId } from '../../../core/validation';
import { WatchlistHitsAlert } from './WatchlistHits';

type Registered = Api['customers.registerPerson']['output'];

function useRegistered(onDone: () => void) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  return (result: Registered) => {
    onDone();
    if (result.watchlistFlag === 'none') {
      void message.success(t('customers.registered', { number: result.number }));
      return;
    }
    modal.warning({
      title: t('customers.registeredFlagged', { number: result.number }),
      content: <WatchlistHitsAlert hits={result.watchlistHits} />,
      width: 560,
    });
  };
}

/** The birth date and sex the ID implies, shown under the field once it is valid. */
function IdFacts({ value }: { value?: string }) {
  const { t } = useI18n();
  const r = value ? validateResidentId(value) : null;
  if (!r?.valid) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('customers.idFacts', { birthDate: r.birthDate, sex: t(`customers.sex.${r.sex}`) })}
    </Typography.Text>
  );
}

export function RegisterPersonDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const register = useApiMutation('customers.registerPerson', { perOpening: true });
  const session = useFormSession({
    form,
    open,
    draft: 'customers.registerPerson',
    mutation: register,
    exclude: ['consent'],
  });
  const done = useRegistered(() => {
    session.finish();
    onClose();
  });
  const residentId = Form.useWatch('residentId', form) as string | undefined;
  const shape = registerPersonForm.shape;
  const rule = (schema: Parameters<typeof zodRule>[0], options: RuleOptions) => zodRule(schema, options);
  const leave = () => void session.confirmLeave().then((ok) => ok && onClose());

  return (
    <Modal
      open={open}
      title={t('customers.registerPerson')}
      onCancel={leave}
      onOk={() => form.submit()}
      okText={t('customers.register')}
      confirmLoading={register.isPending}
      okButtonProps={{ 'data-testid': 'customer-register-submit' } as never}
      width={720}
      destroyOnHidden
    >
      <DraftNotice session={session} />
      <Form
        form={form}
        layout="vertical"
        size="small"
        validateTrigger="onBlur"
        onValuesChange={session.onValuesChange}
        data-testid="customer-register-form"
        onFinish={(values: Api['customers.registerPerson']['input']) =>
          register.mutate(
            { ...values, bankCard: values.bankCard || null, employer: values.employer || null },
            { onSuccess: done, onError: (e) => applyApiError(e, form, error, (text) => void message.error(text)) },
          )
        }
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="name"
              label={t('customers.field.name')}
              rules={[rule(shape.name, { label: t('customers.field.name') })]}
            >
              <Input data-testid="customer-name" autoFocus />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="residentId"
              label={t('customers.field.residentId')}
              validateTrigger={['onChange', 'onBlur']}
              rules={[
                { ...rule(shape.residentId, { label: t('customers.field.residentId') }), validateTrigger: 'onBlur' },
                liveRule(shape.residentId, (v) => typeof v === 'string' && v.trim().length >= 18),
              ]}
              extra={<IdFacts value={residentId} />}
            >
              <Input data-testid="customer-resident-id" maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="phone"
              label={t('customers.field.phone')}
              rules={[rule(shape.phone, { label: t('customers.field.phone') })]}
            >
              <Input data-testid="customer-phone" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="address"
          label={t('customers.field.address')}
          rules={[rule(shape.address, { label: t('customers.field.address') })]}
        >
          <Input data-testid="customer-address" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item
              name="employer"
              label={t('customers.field.employer')}
              rules={[rule(shape.employer, { label: t('customers.field.employer') })]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="employmentYears"
              label={t('customers.field.employmentYears')}
              rules={[
                rule(shape.employmentYears, {
                  label: t('customers.field.employmentYears'),
                  unit: t('customers.unit.years'),
                }),
              ]}
            >
              <InputNumber
                min={0}
                max={60}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('customers.unit.years')}
                data-testid="customer-years"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="bankCard"
              label={t('customers.field.bankCard')}
              rules={[rule(shape.bankCard, { label: t('customers.field.bankCard') })]}
            >
              <Input maxLength={23} data-testid="customer-bank-card" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="monthlyIncomeFen"
              label={t('customers.field.monthlyIncome')}
              rules={[rule(shape.monthlyIncomeFen, { label: t('customers.field.monthlyIncome'), money: true })]}
            >
              <MoneyInput data-testid="customer-income" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="monthlyDebtFen"
              label={t('customers.field.monthlyDebt')}
              rules={[rule(shape.monthlyDebtFen, { label: t('customers.field.monthlyDebt'), money: true })]}
              extra={t('customers.monthlyDebtHint')}
            >
              <MoneyInput data-testid="customer-debt" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="consent" valuePropName="checked" validateTrigger="onChange" rules={[rule(shape.consent, {})]}>
          <Checkbox data-testid="customer-consent">{t('customers.consent')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A person customer picked by name, number or the last 4 of the ID. */
function PersonSelect({ value, onChange }: { value?: string; onChange?: (id: string) => void }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const people = useApi('customers.list', { kind: 'person', search: search || undefined, limit: 20 });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      loading={people.isFetching}
      placeholder={t('customers.legalRepHint')}
      options={(people.data?.rows ?? []).map((p) => ({
        value: p.id,
        label: `${p.number} · ${p.name} · ${p.residentIdMasked ?? ''}`,
      }))}
    />
  );
}

export function RegisterBusinessDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const register = useApiMutation('customers.registerBusiness', { perOpening: true });
  const session = useFormSession({
    form,
    open,
    draft: 'customers.registerBusiness',
    mutation: register,
    exclude: ['consent'],
  });
  const done = useRegistered(() => {
    session.finish();
    onClose();
  });
  const shape = registerBusinessForm.shape;
  const rule = (schema: Parameters<typeof zodRule>[0], options: RuleOptions) => zodRule(schema, options);
  const leave = () => void session.confirmLeave().then((ok) => ok && onClose());

  return (
    <Modal
      open={open}
      title={t('customers.registerBusiness')}
      onCancel={leave}
      onOk={() => form.submit()}
      okText={t('customers.register')}
      confirmLoading={register.isPending}
      width={720}
      destroyOnHidden
    >
      <DraftNotice session={session} />
      <Form
        form={form}
        layout="vertical"
        size="small"
        validateTrigger="onBlur"
        onValuesChange={session.onValuesChange}
        onFinish={(values: Api['customers.registerBusiness']['input']) =>
          register.mutate(values, {
            onSuccess: done,
            onError: (e) => applyApiError(e, form, error, (text) => void message.error(text)),
          })
        }
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('customers.field.businessName')}
              rules={[rule(shape.name, { label: t('customers.field.businessName') })]}
            >
              <Input autoFocus />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="creditCode"
              label={t('customers.field.creditCode')}
              validateTrigger={['onChange', 'onBlur']}
              rules={[
                { ...rule(shape.creditCode, { label: t('customers.field.creditCode') }), validateTrigger: 'onBlur' },
                liveRule(shape.creditCode, (v) => typeof v === 'string' && v.trim().length >= 18),
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="legalRepId"
          label={t('customers.field.legalRep')}
          rules={[requiredRule(t('customers.field.legalRep'))]}
          extra={t('customers.legalRepExtra')}
        >
          <PersonSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="registeredCapitalFen"
              label={t('customers.field.registeredCapital')}
              rules={[rule(shape.registeredCapitalFen, { label: t('customers.field.registeredCapital'), money: true })]}
            >
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="industry"
              label={t('customers.field.industry')}
              rules={[rule(shape.industry, { label: t('customers.field.industry') })]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="phone"
              label={t('customers.field.phone')}
              rules={[rule(shape.phone, { label: t('customers.field.phone') })]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="address"
          label={t('customers.field.address')}
          rules={[rule(shape.address, { label: t('customers.field.address') })]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="consent" valuePropName="checked" validateTrigger="onChange" rules={[rule(shape.consent, {})]}>
          <Checkbox>{t('customers.consent')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

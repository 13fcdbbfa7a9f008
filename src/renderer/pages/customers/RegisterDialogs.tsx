/** Register a person or a business customer. Fields are checked as typed with the
 *  schemas the main process applies (resident ID check digit included); a refusal
 *  from the main process lands on its field and nothing typed is lost. */
import { useState } from 'react';
import { App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { MoneyInput } from '../../components/MoneyInput';
import { zodRule } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { registerBusinessForm, registerPersonForm } from '../../../contract/schemas/customers';
import { validateResidentId } from '../../../core/validation';
import { WatchlistHitsAlert } from './WatchlistHits';

type Registered = Api['customers.registerPerson']['output'];

function useRegistered(onClose: () => void) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  return (result: Registered) => {
    onClose();
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
  const register = useApiMutation('customers.registerPerson');
  const done = useRegistered(onClose);
  const residentId = Form.useWatch('residentId', form) as string | undefined;
  const shape = registerPersonForm.shape;
  const rule = (schema: Parameters<typeof zodRule>[0]) => zodRule(schema, (code) => error(code));

  return (
    <Modal
      open={open}
      title={t('customers.registerPerson')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customers.register')}
      confirmLoading={register.isPending}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        initialValues={{ monthlyDebtFen: 0, employmentYears: 0 }}
        onFinish={(values: Api['customers.registerPerson']['input']) =>
          register.mutate(
            { ...values, bankCard: values.bankCard || null, employer: values.employer || null },
            { onSuccess: done, onError: (e) => applyApiError(e, form, error, (text) => void message.error(text)) },
          )
        }
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="name" label={t('customers.field.name')} rules={[rule(shape.name)]}>
              <Input data-testid="customer-name" autoFocus />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="residentId"
              label={t('customers.field.residentId')}
              rules={[rule(shape.residentId)]}
              extra={<IdFacts value={residentId} />}
            >
              <Input data-testid="customer-resident-id" maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="phone" label={t('customers.field.phone')} rules={[rule(shape.phone)]}>
              <Input data-testid="customer-phone" maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('customers.field.address')} rules={[rule(shape.address)]}>
          <Input data-testid="customer-address" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="employer" label={t('customers.field.employer')} rules={[rule(shape.employer)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="employmentYears"
              label={t('customers.field.employmentYears')}
              rules={[rule(shape.employmentYears)]}
            >
              <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="bankCard" label={t('customers.field.bankCard')} rules={[rule(shape.bankCard)]}>
              <Input maxLength={23} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="monthlyIncomeFen"
              label={t('customers.field.monthlyIncome')}
              rules={[rule(shape.monthlyIncomeFen)]}
            >
              <MoneyInput data-testid="customer-income" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="monthlyDebtFen"
              label={t('customers.field.monthlyDebt')}
              rules={[rule(shape.monthlyDebtFen)]}
              extra={t('customers.monthlyDebtHint')}
            >
              <MoneyInput />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="consent" valuePropName="checked" rules={[rule(shape.consent)]}>
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
  const register = useApiMutation('customers.registerBusiness');
  const done = useRegistered(onClose);
  const shape = registerBusinessForm.shape;
  const rule = (schema: Parameters<typeof zodRule>[0]) => zodRule(schema, (code) => error(code));

  return (
    <Modal
      open={open}
      title={t('customers.registerBusiness')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('customers.register')}
      confirmLoading={register.isPending}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        onFinish={(values: Api['customers.registerBusiness']['input']) =>
          register.mutate(values, {
            onSuccess: done,
            onError: (e) => applyApiError(e, form, error, (text) => void message.error(text)),
          })
        }
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={t('customers.field.businessName')} rules={[rule(shape.name)]}>
              <Input autoFocus />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="creditCode" label={t('customers.field.creditCode')} rules={[rule(shape.creditCode)]}>
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="legalRepId"
          label={t('customers.field.legalRep')}
          rules={[rule(shape.legalRepId)]}
          extra={t('customers.legalRepExtra')}
        >
          <PersonSelect />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="registeredCapitalFen"
              label={t('customers.field.registeredCapital')}
              rules={[rule(shape.registeredCapitalFen)]}
            >
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="industry" label={t('customers.field.industry')} rules={[rule(shape.industry)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label={t('customers.field.phone')} rules={[rule(shape.phone)]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('customers.field.address')} rules={[rule(shape.address)]}>
          <Input />
        </Form.Item>
        <Form.Item name="consent" valuePropName="checked" rules={[rule(shape.consent)]}>
          <Checkbox>{t('customers.consent')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Register a person or a business customer. Fields are checked on leaving them
 *  with the schemas the main process applies (resident ID check digit included); a
 *  refusal from the main process lands on its field and nothing typed is lost. The
 *  dialog opens empty (consent unticked) or with the user's draft, one request per
 *  opening (a double click registers once and answers once), and closing it with
 *  something typed asks first. */
import { useState, type ReactNode } from 'react';
import { App, Col, Form, Modal, Row, Select, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { requiredRule } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { DraftNotice, useFormSession } from '../../components/formSession';
import { registerBusinessForm, registerPersonForm } from '../../../contract/schemas/customers';
import { validateResidentId } from '../../../core/validation';
import { WatchlistHitsAlert } from './WatchlistHits';
import { CodeField, ConsentField, EmploymentYearsField, MoneyField, TextField } from './customerFields';

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
function IdFacts() {
  const { t } = useI18n();
  const value = Form.useWatch('residentId') as string | undefined;
  const r = value ? validateResidentId(value) : null;
  if (!r?.valid) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('customers.idFacts', { birthDate: r.birthDate, sex: t(`customers.sex.${r.sex}`) })}
    </Typography.Text>
  );
}

type RegisterMethod = 'customers.registerPerson' | 'customers.registerBusiness';

/** What both registration dialogs share: one request per opening, the draft kept
 *  (consent never), a refusal on its field, and closing with something typed asks
 *  first. */
function RegisterFrame<M extends RegisterMethod>({
  method,
  title,
  open,
  onClose,
  toInput,
  submitTestId,
  formTestId,
  children,
}: {
  method: M;
  title: string;
  open: boolean;
  onClose: () => void;
  toInput: (values: Api[M]['input']) => Api[M]['input'];
  submitTestId?: string;
  formTestId?: string;
  children: ReactNode;
}) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const register = useApiMutation(method, { perOpening: true });
  const session = useFormSession({ form, open, draft: method, mutation: register, exclude: ['consent'] });
  const done = useRegistered(() => {
    session.finish();
    onClose();
  });
  const leave = () => void session.confirmLeave().then((ok) => ok && onClose());

  return (
    <Modal
      open={open}
      title={title}
      onCancel={leave}
      onOk={() => form.submit()}
      okText={t('customers.register')}
      confirmLoading={register.isPending}
      okButtonProps={submitTestId ? ({ 'data-testid': submitTestId } as never) : undefined}
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
        data-testid={formTestId}
        onFinish={(values: Api[M]['input']) =>
          register.mutate(toInput(values), {
            onSuccess: done,
            onError: (e) => applyApiError(e, form, error, (text) => void message.error(text)),
          })
        }
      >
        {children}
      </Form>
    </Modal>
  );
}

export function RegisterPersonDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const shape = registerPersonForm.shape;
  return (
    <RegisterFrame
      method="customers.registerPerson"
      title={t('customers.registerPerson')}
      open={open}
      onClose={onClose}
      toInput={(values) => ({ ...values, bankCard: values.bankCard || null, employer: values.employer || null })}
      submitTestId="customer-register-submit"
      formTestId="customer-register-form"
    >
      <Row gutter={12}>
        <Col span={8}>
          <TextField name="name" label="customers.field.name" schema={shape.name} testId="customer-name" autoFocus />
        </Col>
        <Col span={10}>
          <CodeField
            name="residentId"
            label="customers.field.residentId"
            schema={shape.residentId}
            testId="customer-resident-id"
            extra={<IdFacts />}
          />
        </Col>
        <Col span={6}>
          <TextField
            name="phone"
            label="customers.field.phone"
            schema={shape.phone}
            testId="customer-phone"
            maxLength={20}
          />
        </Col>
      </Row>
      <TextField name="address" label="customers.field.address" schema={shape.address} testId="customer-address" />
      <Row gutter={12}>
        <Col span={10}>
          <TextField name="employer" label="customers.field.employer" schema={shape.employer} />
        </Col>
        <Col span={6}>
          <EmploymentYearsField schema={shape.employmentYears} testId="customer-years" style={{ width: '100%' }} />
        </Col>
        <Col span={8}>
          <TextField
            name="bankCard"
            label="customers.field.bankCard"
            schema={shape.bankCard}
            testId="customer-bank-card"
            maxLength={23}
          />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <MoneyField
            name="monthlyIncomeFen"
            label="customers.field.monthlyIncome"
            schema={shape.monthlyIncomeFen}
            testId="customer-income"
          />
        </Col>
        <Col span={12}>
          <MoneyField
            name="monthlyDebtFen"
            label="customers.field.monthlyDebt"
            schema={shape.monthlyDebtFen}
            testId="customer-debt"
            extra={t('customers.monthlyDebtHint')}
          />
        </Col>
      </Row>
      <ConsentField schema={shape.consent} testId="customer-consent" />
    </RegisterFrame>
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
  const { t } = useI18n();
  const shape = registerBusinessForm.shape;
  return (
    <RegisterFrame
      method="customers.registerBusiness"
      title={t('customers.registerBusiness')}
      open={open}
      onClose={onClose}
      toInput={(values) => values}
    >
      <Row gutter={12}>
        <Col span={12}>
          <TextField name="name" label="customers.field.businessName" schema={shape.name} autoFocus />
        </Col>
        <Col span={12}>
          <CodeField name="creditCode" label="customers.field.creditCode" schema={shape.creditCode} />
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
          <MoneyField
            name="registeredCapitalFen"
            label="customers.field.registeredCapital"
            schema={shape.registeredCapitalFen}
          />
        </Col>
        <Col span={8}>
          <TextField name="industry" label="customers.field.industry" schema={shape.industry} />
        </Col>
        <Col span={8}>
          <TextField name="phone" label="customers.field.phone" schema={shape.phone} maxLength={20} />
        </Col>
      </Row>
      <TextField name="address" label="customers.field.address" schema={shape.address} />
      <ConsentField schema={shape.consent} />
    </RegisterFrame>
  );
}

/** One loan in collections: what is owed today, the contact log and the promises
 *  with their outcome, and the form that logs a contact (call, SMS sent outside the
 *  app, visit) with its outcome, a note and, if made, a promise to pay. */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Select,
  Space,
  Timeline,
  Typography,
} from 'antd';
import type { ApiError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useHashRoute } from '../../app/useHashRoute';
import { MoneyInput } from '../../components/MoneyInput';
import { zodRule } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { logContactInput } from '../../../contract/schemas/collections';
import {
  CONTACT_KINDS,
  CONTACT_OUTCOMES,
  type ContactKind,
  type ContactOutcome,
} from '../../../core/collections/promises';
import { TEXT_MAX_CHARS } from '../../../core/validation/text';
import { fromDayjs, Money, toDayjs } from '../loans/parts';
import type { Dayjs } from 'dayjs';
import { NextActionText, PromiseCell } from './parts';
import { UserText } from '../tickets/parts';

interface Values {
  kind: ContactKind;
  outcome: ContactOutcome;
  note?: string;
  withPromise: boolean;
  amountFen?: number;
  promisedDate?: Dayjs;
}

export function CaseDrawer({ loanId, onClose }: { loanId: string; onClose: () => void }) {
  const { t, money, error } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [, navigate] = useHashRoute();
  const detail = useApi('collections.get', { loanId });
  const log = useApiMutation('collections.logContact');
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const withPromise = Form.useWatch('withPromise', form);
  const data = detail.data;
  const c = data?.case;
  const submit = async (v: Values) => {
    setRefusal(null);
    try {
      await log.mutateAsync({
        loanId,
        kind: v.kind,
        outcome: v.outcome,
        note: v.note || undefined,
        promise:
          v.withPromise && v.amountFen && v.promisedDate
            ? { amountFen: v.amountFen, promisedDate: fromDayjs(v.promisedDate)! }
            : null,
      });
      void message.success(t('collections.logged'));
      form.resetFields();
    } catch (e) {
      const err = e as ApiError;
      if (err.code === 'PROMISE_AMOUNT_INVALID') form.setFields([{ name: 'amountFen', errors: [error(err.code)] }]);
      else if (err.code === 'PROMISE_DATE_PAST' || err.code === 'PROMISE_DATE_TOO_FAR')
        form.setFields([{ name: 'promisedDate', errors: [error(err.code)] }]);
      else applyApiError(err, form, error, setRefusal);
    }
  };
  return (
    <Drawer
      open
      size={620}
      onClose={onClose}
      title={data ? `${data.loan.number} · ${data.customer?.name ?? ''}` : t('common.loading')}
      extra={
        can('loans.read') && <Button onClick={() => navigate(`/loans/${loanId}`)}>{t('collections.openLoan')}</Button>
      }
      data-testid="case-drawer"
    >
      {c && data && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered styles={{ label: { width: 110 }, content: { width: 180 } }}>
            <Descriptions.Item label={t('collections.col.dpd')}>{c.dpd}</Descriptions.Item>
            <Descriptions.Item label={t('collections.col.due')}>
              <Money fen={c.amountDueFen} strong />
            </Descriptions.Item>
            <Descriptions.Item label={t('collections.outstanding')}>
              <Money fen={c.outstandingPrincipalFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('collections.nextDue')}>{c.nextDueDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('collections.col.phone')}>
              <span style={{ fontFamily: 'monospace' }}>{data.customer?.phoneMasked ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('collections.col.next')}>
              <NextActionText action={c.nextAction} />
            </Descriptions.Item>
          </Descriptions>
          {can('collections.write') && data.loan.status === 'active' && (
            <Card size="small" title={t('collections.log')}>
              {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 8 }} />}
              <Form<Values>
                form={form}
                layout="vertical"
                initialValues={{ kind: 'call', outcome: 'reached', withPromise: false }}
                onFinish={(v) => void submit(v)}
                data-testid="case-log-form"
              >
                <Space wrap>
                  <Form.Item name="kind" label={t('collections.field.kind')} style={{ width: 180 }}>
                    <Select
                      data-testid="case-kind"
                      options={CONTACT_KINDS.map((k) => ({ value: k, label: t(`collections.kind.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name="outcome" label={t('collections.field.outcome')} style={{ width: 180 }}>
                    <Select
                      data-testid="case-outcome"
                      options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`collections.outcome.${o}`) }))}
                    />
                  </Form.Item>
                </Space>
                <Form.Item
                  name="note"
                  label={t('collections.field.note')}
                  rules={[zodRule(logContactInput.shape.note)]}
                >
                  <Input.TextArea rows={2} maxLength={TEXT_MAX_CHARS.note} data-testid="case-note" />
                </Form.Item>
                <Form.Item name="withPromise" valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox data-testid="case-with-promise">{t('collections.field.withPromise')}</Checkbox>
                </Form.Item>
                {withPromise && (
                  <Space wrap>
                    <Form.Item
                      name="amountFen"
                      label={t('collections.field.amount')}
                      rules={[{ required: true }]}
                      style={{ width: 180 }}
                    >
                      <MoneyInput data-testid="case-promise-amount" />
                    </Form.Item>
                    <Form.Item
                      name="promisedDate"
                      label={t('collections.field.date')}
                      rules={[{ required: true }]}
                      style={{ width: 180 }}
                    >
                      <DatePicker
                        style={{ width: '100%' }}
                        data-testid="case-promise-date"
                        disabledDate={(d) =>
                          d.isBefore(toDayjs(c.today), 'day') || d.isAfter(toDayjs(data.maxPromiseDate), 'day')
                        }
                      />
                    </Form.Item>
                  </Space>
                )}
                <Button type="primary" htmlType="submit" loading={log.isPending} data-testid="case-log-submit">
                  {t('collections.log')}
                </Button>
              </Form>
            </Card>
          )}
          <Card size="small" title={t('collections.promises')}>
            {data.promises.length === 0 ? (
              <Typography.Text type="secondary">{t('collections.noPromises')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={data.promises}
                data-testid="case-promises"
                renderItem={(p) => (
                  <List.Item style={{ display: 'block', padding: '4px 0' }}>
                    <PromiseCell promise={p} />
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                      {t('collections.paid', { amount: money(p.paidFen) })}
                      {p.keptOn ? ` · ${t('collections.keptOn', { date: p.keptOn })}` : ''} ·{' '}
                      {t('collections.madeBy', { name: p.madeByName ?? '—', date: p.madeOn })}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('collections.contacts')}>
            {data.contacts.length === 0 ? (
              <Typography.Text type="secondary">{t('collections.noContacts')}</Typography.Text>
            ) : (
              <Timeline
                data-testid="case-contacts"
                items={data.contacts.map((x) => ({
                  key: x.id,
                  content: (
                    <div>
                      <Typography.Text strong>
                        {t(`collections.kind.${x.kind}` as MessageKey)} ·{' '}
                        {t(`collections.outcome.${x.outcome}` as MessageKey)}
                      </Typography.Text>{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {x.businessDate} · {x.contactedByName ?? '—'}
                      </Typography.Text>
                      {x.note && <UserText value={x.note} />}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Space>
      )}
    </Drawer>
  );
}

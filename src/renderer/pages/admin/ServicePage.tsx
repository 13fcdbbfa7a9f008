/** Customer-service settings: the days after which a resolved ticket closes by
 *  itself, the teams (their lead receives escalations), the SLA policies (first
 *  match wins, the last matches everything) and the canned replies with variables. */
import { Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { useSaveSettings } from './saveSettings';
import type { Api } from '../../api/client';
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from '../../../core/tickets/status';
import { TEXT_MAX_CHARS } from '../../../core/validation/text';

type Service = Api['settings.get']['output']['service'];

export function ServicePage() {
  const { t } = useI18n();
  const current = useApi('settings.get', {});
  const users = useApi('users.list', {});
  const [form] = Form.useForm<Service>();
  const { save, pending } = useSaveSettings('service', form, 'service.saved');
  if (!current.data) return null;
  const people = (users.data ?? [])
    .filter((u) => !u.disabled && ['cs_agent', 'loan_officer', 'manager'].includes(u.role))
    .map((u) => ({ value: u.id, label: `${u.displayName} · ${t(`role.${u.role}` as MessageKey)}` }));
  const any = { value: 'any', label: t('service.any') };
  const onFinish = (value: Service) => save(value);
  return (
    <>
      <PageHeader title={t('service.title')} />
      <Form<Service>
        form={form}
        layout="vertical"
        initialValues={current.data.service}
        onFinish={onFinish}
        data-testid="service-form"
      >
        <Card size="small" title={t('service.general')} style={{ marginBottom: 12 }}>
          <Form.Item name="autoCloseDays" label={t('service.autoCloseDays')} style={{ marginBottom: 0 }}>
            <InputNumber min={1} max={90} style={{ width: 120 }} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('service.teams')} style={{ marginBottom: 12 }}>
          <Form.List name="teams">
            {(fields, { add, remove }) => (
              <>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={fields}
                  columns={[
                    {
                      title: t('service.team.code'),
                      width: 110,
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'code']} noStyle>
                          <Input />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('service.team.name'),
                      width: 160,
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'name']} noStyle>
                          <Input maxLength={TEXT_MAX_CHARS.name} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('service.team.lead'),
                      width: 200,
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'leadId']} noStyle>
                          <Select allowClear style={{ width: '100%' }} options={people} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('service.team.members'),
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'memberIds']} noStyle>
                          <Select mode="multiple" style={{ width: '100%' }} options={people} optionFilterProp="label" />
                        </Form.Item>
                      ),
                    },
                    {
                      width: 44,
                      render: (_: unknown, f) => (
                        <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} title={t('service.remove')} />
                      ),
                    },
                  ]}
                />
                <Button
                  style={{ marginTop: 8 }}
                  icon={<PlusOutlined />}
                  onClick={() => add({ code: '', name: '', leadId: null, memberIds: [] })}
                >
                  {t('service.addTeam')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title={t('service.policies')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('service.policiesHint')}
          </Typography.Paragraph>
          <Form.List name="policies">
            {(fields, { add, remove, move }) => (
              <>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={fields}
                  data-testid="service-policies"
                  columns={[
                    { title: '#', width: 36, render: (_: unknown, _f, i) => i + 1 },
                    {
                      title: t('service.policy.category'),
                      width: 180,
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'category']} noStyle>
                          <Select
                            style={{ width: '100%' }}
                            options={[
                              any,
                              ...TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`tickets.category.${c}`) })),
                            ]}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('service.policy.priority'),
                      width: 110,
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'priority']} noStyle>
                          <Select
                            style={{ width: '100%' }}
                            options={[
                              any,
                              ...TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) })),
                            ]}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('service.policy.firstResponse'),
                      width: 140,
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'firstResponseMinutes']} noStyle>
                          <InputNumber min={1} style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('service.policy.resolution'),
                      width: 130,
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'resolutionMinutes']} noStyle>
                          <InputNumber min={1} style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('service.policy.calendar'),
                      width: 140,
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'calendar']} noStyle>
                          <Select
                            style={{ width: '100%' }}
                            options={[
                              { value: 'business', label: t('tickets.calendar.business') },
                              { value: '24x7', label: t('tickets.calendar.24x7') },
                            ]}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      width: 80,
                      render: (_: unknown, f, i) => (
                        <Space size={2}>
                          <Button
                            size="small"
                            icon={<ArrowUpOutlined />}
                            disabled={i === 0}
                            onClick={() => move(i, i - 1)}
                            title={t('service.moveUp')}
                          />
                          <Button
                            size="small"
                            icon={<DeleteOutlined />}
                            onClick={() => remove(f.name)}
                            title={t('service.remove')}
                          />
                        </Space>
                      ),
                    },
                  ]}
                />
                <Button
                  style={{ marginTop: 8 }}
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add(
                      {
                        category: 'any',
                        priority: 'any',
                        firstResponseMinutes: 240,
                        resolutionMinutes: 1440,
                        calendar: 'business',
                      },
                      0,
                    )
                  }
                >
                  {t('service.addPolicy')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title={t('service.canned')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('service.canned.vars')}
          </Typography.Paragraph>
          <Form.List name="cannedReplies">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ width: '100%' }}>
                    <Form.Item name={[f.name, 'code']} noStyle>
                      <Input style={{ width: 130 }} placeholder={t('service.canned.code')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']} noStyle>
                      <Input
                        style={{ width: 220 }}
                        placeholder={t('service.canned.title')}
                        maxLength={TEXT_MAX_CHARS.subject}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'body']} noStyle>
                      <Input.TextArea
                        autoSize={{ minRows: 1, maxRows: 4 }}
                        style={{ width: 520 }}
                        placeholder={t('service.canned.body')}
                        maxLength={TEXT_MAX_CHARS.message}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} title={t('service.remove')} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ code: '', title: '', body: '' })}>
                  {t('service.addCanned')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Card>
        <Button type="primary" htmlType="submit" loading={pending} data-testid="service-save">
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}

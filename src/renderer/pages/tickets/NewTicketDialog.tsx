/** Opens a ticket: channel, category, priority, subject, description, the customer
 *  and loan it is about, the team, and whether the agent takes it at once (a phone
 *  call being answered). Validated with the main process's schema. */
import { Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { ActionDialog } from '../../components/ActionDialog';
import { zodRule } from '../../components/zodRule';
import { useApi } from '../../api/hooks';
import { createTicketInput } from '../../../contract/schemas/tickets';
import { TEXT_MAX_CHARS } from '../../../core/validation/text';
import type { TicketCategory, TicketChannel, TicketPriority } from '../../../core/tickets/status';
import { CustomerLoanPicker, type LinkValue } from './CustomerLoanPicker';
import { useColleagues, useTicketOptions } from './parts';

interface Values {
  channel: TicketChannel;
  category: TicketCategory;
  priority: TicketPriority;
  subject: string;
  description: string;
  link?: LinkValue;
  team: string | null;
  assignToMe: boolean;
}

const shape = createTicketInput.shape;

export function NewTicketDialog({
  open,
  onClose,
  onCreated,
  initialLink,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (id: string) => void;
  initialLink?: LinkValue;
}) {
  const { t } = useI18n();
  const options = useTicketOptions();
  const colleagues = useColleagues();
  const status = useApi('app.status', {});
  const me = status.data?.session?.userId ?? null;
  const teams = colleagues.data?.teams ?? [];
  return (
    <ActionDialog<'tickets.create', Values>
      open={open}
      onClose={onClose}
      title={t('tickets.create.title')}
      method="tickets.create"
      testId="ticket-new"
      okText={t('tickets.new')}
      width={720}
      initialValues={{
        channel: 'phone',
        category: 'repaymentQuestion',
        priority: 'normal',
        team: colleagues.data?.mine[0] ?? teams[0]?.code ?? null,
        assignToMe: true,
        link: initialLink,
      }}
      toInput={(v) => ({
        channel: v.channel,
        category: v.category,
        priority: v.priority,
        subject: v.subject,
        description: v.description,
        customerId: v.link?.customerId ?? null,
        loanId: v.link?.loanId ?? null,
        team: v.team ?? null,
        assigneeId: v.assignToMe ? me : null,
      })}
      done={(_v, result) => t('tickets.created', { number: result.number })}
      onDone={(result) => onCreated?.(result.id)}
    >
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="channel" label={t('tickets.field.channel')} rules={[{ required: true }]}>
            <Select options={options.channels} data-testid="ticket-new-channel" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="category" label={t('tickets.field.category')} rules={[{ required: true }]}>
            <Select options={options.categories} data-testid="ticket-new-category" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="priority" label={t('tickets.field.priority')} rules={[{ required: true }]}>
            <Select options={options.priorities} data-testid="ticket-new-priority" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="link" label={t('tickets.field.customer')}>
        <CustomerLoanPicker testId="ticket-new-customer" />
      </Form.Item>
      <Form.Item
        name="subject"
        label={t('tickets.field.subject')}
        rules={[zodRule(shape.subject, { label: t('tickets.field.subject') })]}
      >
        <Input maxLength={TEXT_MAX_CHARS.subject} data-testid="ticket-new-subject" />
      </Form.Item>
      <Form.Item name="description" label={t('tickets.field.description')} rules={[zodRule(shape.description)]}>
        <Input.TextArea rows={4} maxLength={TEXT_MAX_CHARS.message} data-testid="ticket-new-description" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="team" label={t('tickets.field.team')}>
            <Select allowClear options={teams.map((x) => ({ value: x.code, label: x.name }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="assignToMe" valuePropName="checked" label=" ">
            <Checkbox data-testid="ticket-new-assign-me">{t('tickets.field.assignToMe')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
    </ActionDialog>
  );
}

/** The ticket's small dialogs: resolve (with the root cause), satisfaction, pass a
 *  request to the loan officer, reclassify and relink, assign. Each is one mutation
 *  decided on the ticket's version. */
import { Form, Input, Rate, Select } from 'antd';
import type { Api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ActionDialog } from '../../components/ActionDialog';
import { zodRule } from '../../components/zodRule';
import {
  ACTION_KINDS,
  requestActionInput,
  resolveInput,
  satisfactionInput,
  updateTicketInput,
  type ActionKind,
} from '../../../contract/schemas/tickets';
import { ROOT_CAUSES, type RootCause, type TicketCategory, type TicketPriority } from '../../../core/tickets/status';
import { TEXT_MAX_CHARS } from '../../../core/validation/text';
import { CustomerLoanPicker, type LinkValue } from './CustomerLoanPicker';
import { colleagueLabel, useColleagues, useTicketOptions } from './parts';

export type TicketDetail = Api['tickets.get']['output'];
type Props = { open: boolean; onClose: () => void; detail: TicketDetail };

export function ResolveDialog({ open, onClose, detail }: Props) {
  const { t } = useI18n();
  const { ticket } = detail;
  return (
    <ActionDialog<'tickets.resolve', { note: string; rootCause: RootCause | null }>
      open={open}
      onClose={onClose}
      title={`${t('tickets.resolve.title')} · ${ticket.number}`}
      method="tickets.resolve"
      testId="ticket-resolve"
      okText={t('tickets.action.resolve')}
      initialValues={{ rootCause: null }}
      toInput={(v) => ({ ticketId: ticket.id, expectedVersion: ticket.version, note: v.note, rootCause: v.rootCause })}
      done={() => t('tickets.resolved')}
    >
      <Form.Item name="note" label={t('tickets.resolve.note')} rules={[zodRule(resolveInput.shape.note)]}>
        <Input.TextArea rows={3} maxLength={TEXT_MAX_CHARS.message} data-testid="ticket-resolve-note" />
      </Form.Item>
      <Form.Item name="rootCause" label={t('tickets.resolve.rootCause')}>
        <Select
          allowClear
          data-testid="ticket-resolve-root-cause"
          options={ROOT_CAUSES.map((c) => ({ value: c, label: t(`tickets.rootCause.${c}`) }))}
        />
      </Form.Item>
    </ActionDialog>
  );
}

export function SatisfactionDialog({ open, onClose, detail }: Props) {
  const { t } = useI18n();
  const { ticket } = detail;
  return (
    <ActionDialog<'tickets.recordSatisfaction', { score: number; comment?: string }>
      open={open}
      onClose={onClose}
      title={`${t('tickets.satisfaction.title')} · ${ticket.number}`}
      method="tickets.recordSatisfaction"
      testId="ticket-satisfaction"
      initialValues={{ score: 5 }}
      toInput={(v) => ({ ticketId: ticket.id, score: v.score, comment: v.comment || undefined })}
      done={() => t('tickets.satisfaction.saved')}
    >
      <Form.Item name="score" label={t('tickets.satisfaction.score')} rules={[{ required: true }]}>
        <Rate data-testid="ticket-satisfaction-score" />
      </Form.Item>
      <Form.Item
        name="comment"
        label={t('tickets.satisfaction.comment')}
        rules={[zodRule(satisfactionInput.shape.comment)]}
      >
        <Input.TextArea rows={2} maxLength={TEXT_MAX_CHARS.message} data-testid="ticket-satisfaction-comment" />
      </Form.Item>
    </ActionDialog>
  );
}

export function RelatedActionDialog({ open, onClose, detail }: Props) {
  const { t } = useI18n();
  const { ticket, loan } = detail;
  return (
    <ActionDialog<'tickets.requestAction', { kind: ActionKind; note: string }>
      open={open}
      onClose={onClose}
      title={`${t('tickets.related.title')} · ${loan?.number ?? ''}`}
      method="tickets.requestAction"
      testId="ticket-related"
      initialValues={{ kind: ticket.category === 'dispute' ? 'postedAmountDispute' : 'hardshipReview' }}
      toInput={(v) => ({ ticketId: ticket.id, kind: v.kind, note: v.note })}
      done={(_v, r) => t('tickets.related.sent', { name: r.officerName ?? '—' })}
    >
      <Form.Item name="kind" label={t('tickets.related.kind')} rules={[{ required: true }]}>
        <Select
          data-testid="ticket-related-kind"
          options={ACTION_KINDS.map((k) => ({ value: k, label: t(`tickets.actionKind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('tickets.related.note')} rules={[zodRule(requestActionInput.shape.note)]}>
        <Input.TextArea rows={3} maxLength={TEXT_MAX_CHARS.note} data-testid="ticket-related-note" />
      </Form.Item>
    </ActionDialog>
  );
}

export function ReclassifyDialog({ open, onClose, detail }: Props) {
  const { t } = useI18n();
  const options = useTicketOptions();
  const { ticket, customer, loan } = detail;
  const initialLink: LinkValue = {
    customerId: ticket.customerId,
    loanId: ticket.loanId,
    label: customer ? [customer.name, customer.number, loan?.number].filter(Boolean).join(' · ') : undefined,
  };
  return (
    <ActionDialog<
      'tickets.update',
      { category: TicketCategory; priority: TicketPriority; subject: string; link?: LinkValue }
    >
      open={open}
      onClose={onClose}
      title={`${t('tickets.edit.title')} · ${ticket.number}`}
      method="tickets.update"
      testId="ticket-edit"
      width={640}
      initialValues={{
        category: ticket.category as TicketCategory,
        priority: ticket.priority as TicketPriority,
        subject: ticket.subject,
        link: initialLink,
      }}
      toInput={(v) => ({
        ticketId: ticket.id,
        expectedVersion: ticket.version,
        category: v.category,
        priority: v.priority,
        subject: v.subject,
        customerId: v.link?.customerId ?? null,
        loanId: v.link?.loanId ?? null,
      })}
      done={() => t('tickets.edit.saved')}
    >
      <Form.Item name="category" label={t('tickets.field.category')}>
        <Select options={options.categories} />
      </Form.Item>
      <Form.Item name="priority" label={t('tickets.field.priority')}>
        <Select options={options.priorities} />
      </Form.Item>
      <Form.Item name="subject" label={t('tickets.field.subject')} rules={[zodRule(updateTicketInput.shape.subject)]}>
        <Input maxLength={TEXT_MAX_CHARS.subject} />
      </Form.Item>
      <Form.Item name="link" label={t('tickets.field.customer')}>
        <CustomerLoanPicker />
      </Form.Item>
    </ActionDialog>
  );
}

export function AssignDialog({ open, onClose, detail }: Props) {
  const { t } = useI18n();
  const colleagues = useColleagues();
  const { ticket } = detail;
  return (
    <ActionDialog<'tickets.assign', { assigneeId: string; team: string | null }>
      open={open}
      onClose={onClose}
      title={`${t('tickets.action.assign')} · ${ticket.number}`}
      method="tickets.assign"
      testId="ticket-assign"
      initialValues={{ assigneeId: ticket.assigneeId ?? '', team: ticket.team }}
      toInput={(v) => ({
        ticketId: ticket.id,
        expectedVersion: ticket.version,
        assigneeId: v.assigneeId || null,
        team: v.team ?? null,
      })}
      done={() => t('tickets.assigned', { n: 1 })}
    >
      <Form.Item name="assigneeId" label={t('tickets.assignee')}>
        <Select
          data-testid="ticket-assign-user"
          options={[
            { value: '', label: t('tickets.unassigned') },
            ...(colleagues.data?.users ?? []).map((u) => ({ value: u.id, label: colleagueLabel(u, t) })),
          ]}
        />
      </Form.Item>
      <Form.Item name="team" label={t('tickets.field.team')}>
        <Select allowClear options={(colleagues.data?.teams ?? []).map((x) => ({ value: x.code, label: x.name }))} />
      </Form.Item>
    </ActionDialog>
  );
}

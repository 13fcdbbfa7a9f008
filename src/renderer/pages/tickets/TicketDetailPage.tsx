/** One ticket: both SLA clocks, the description, the conversation (replies to the
 *  customer apart from internal notes, the customer's own messages, attachments),
 *  the composer with canned replies filled from the data and @mentions, the status
 *  actions the role allows, the history; beside it the masked customer panel,
 *  satisfaction and the requests passed to the loan officer. Every text from users
 *  or customers is rendered as text. */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Rate,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { ArrowLeftOutlined, PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { invoke, type ApiError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useHashRoute } from '../../app/useHashRoute';
import { saveBase64 } from '../../components/download';
import { fileToBase64 } from '../../components/base64';
import { ATTACHMENT_MIME, MAX_ATTACHMENT_BYTES } from '../../../contract/schemas/tickets';
import { TEXT_MAX_CHARS } from '../../../core/validation/text';
import type { MessageKind } from '../../../core/tickets/status';
import { CustomerPanel } from './CustomerPanel';
import {
  AssignDialog,
  ReclassifyDialog,
  RelatedActionDialog,
  ResolveDialog,
  SatisfactionDialog,
  type TicketDetail,
} from './TicketDialogs';
import {
  ClockCell,
  colleagueLabel,
  PriorityTag,
  TicketStatusTag,
  useColleagues,
  useDuration,
  useInstant,
  UserText,
} from './parts';

type Dialog = 'resolve' | 'satisfaction' | 'related' | 'edit' | 'assign' | null;

const KIND_STYLE: Record<MessageKind, { background: string; border: string; color: string }> = {
  reply: { background: '#f6ffed', border: '#b7eb8f', color: 'green' },
  note: { background: '#fffbe6', border: '#ffe58f', color: 'gold' },
  customer: { background: '#f0f5ff', border: '#adc6ff', color: 'blue' },
};

export function TicketDetailPage({ id }: { id: string }) {
  const { t, error } = useI18n();
  const [, navigate] = useHashRoute();
  const detail = useApi('tickets.get', { ticketId: id }, { refetchInterval: 60_000 });
  if (detail.error)
    return (
      <Alert type="error" showIcon title={error(detail.error.code, detail.error.details)} data-testid="ticket-error" />
    );
  if (!detail.data) return null;
  return (
    <>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/tickets')} style={{ paddingLeft: 0 }}>
        {t('tickets.detail.back')}
      </Button>
      <TicketView detail={detail.data} />
    </>
  );
}

function TicketView({ detail }: { detail: TicketDetail }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const status = useApi('app.status', {});
  const me = status.data?.session?.userId;
  const [dialog, setDialog] = useState<Dialog>(null);
  const { ticket } = detail;
  const colleagues = useColleagues();
  const teamName = (code: string) => colleagues.data?.teams.find((x) => x.code === code)?.name ?? code;
  const setStatus = useApiMutation('tickets.setStatus');
  const assign = useApiMutation('tickets.assign');
  const close = useApiMutation('tickets.close');
  const writer = can('tickets.write');
  const active = ticket.status !== 'resolved' && ticket.status !== 'closed';
  const fail = (e: ApiError) => void message.error(error(e.code, e.details));
  const done = () => void message.success(t('tickets.statusChanged'));
  const changeStatus = (to: 'open' | 'pending') =>
    setStatus.mutate(
      { ticketId: ticket.id, expectedVersion: ticket.version, status: to },
      { onSuccess: done, onError: fail },
    );
  const closeDialog = () => setDialog(null);

  return (
    <>
      <Row gutter={12} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space orientation="vertical" size={6} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  <span style={{ fontFamily: 'monospace' }}>{ticket.number}</span>
                </Typography.Title>
                <TicketStatusTag status={ticket.status} />
                <PriorityTag priority={ticket.priority} />
                <Tag>{t(`tickets.channel.${ticket.channel}` as MessageKey)}</Tag>
                <Tag>{t(`tickets.category.${ticket.category}` as MessageKey)}</Tag>
                {ticket.breached && active && <Tag color="red">{t('tickets.breached')}</Tag>}
                {ticket.escalated && <Tag color="volcano">{t('tickets.escalated')}</Tag>}
              </Space>
              <Typography.Title level={5} style={{ margin: 0 }} data-testid="ticket-subject">
                {ticket.subject}
              </Typography.Title>
              <Typography.Text type="secondary">
                {t('tickets.info.createdBy')}
                {t('shell.colon')}
                {ticket.createdByName ?? '—'} · {t('tickets.assignee')}
                {t('shell.colon')}
                <span data-testid="ticket-assignee">{ticket.assigneeName ?? '—'}</span>
                {ticket.team ? ` · ${teamName(ticket.team)}` : ''}
                {ticket.reopenCount > 0 ? ` · ${t('tickets.info.reopened', { n: ticket.reopenCount })}` : ''}
                {ticket.autoClosed ? ` · ${t('tickets.info.autoClosed')}` : ''}
              </Typography.Text>
              {writer && (
                <Space wrap size={6} data-testid="ticket-actions">
                  {active && ticket.assigneeId !== me && me && (
                    <Button
                      size="small"
                      loading={assign.isPending}
                      data-testid="ticket-take"
                      onClick={() =>
                        assign.mutate(
                          { ticketId: ticket.id, expectedVersion: ticket.version, assigneeId: me },
                          { onSuccess: done, onError: fail },
                        )
                      }
                    >
                      {t('tickets.action.take')}
                    </Button>
                  )}
                  {can('tickets.assign') && ticket.status !== 'closed' && (
                    <Button size="small" onClick={() => setDialog('assign')} data-testid="ticket-assign-open">
                      {t('tickets.action.assign')}
                    </Button>
                  )}
                  {(ticket.status === 'new' || ticket.status === 'open') && (
                    <Button size="small" onClick={() => changeStatus('pending')} data-testid="ticket-pending">
                      {t('tickets.action.pending')}
                    </Button>
                  )}
                  {ticket.status === 'pending' && (
                    <Button size="small" onClick={() => changeStatus('open')} data-testid="ticket-resume">
                      {t('tickets.action.resume')}
                    </Button>
                  )}
                  {active && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setDialog('resolve')}
                      data-testid="ticket-resolve-open"
                    >
                      {t('tickets.action.resolve')}
                    </Button>
                  )}
                  {ticket.status === 'resolved' && (
                    <>
                      <Button size="small" onClick={() => changeStatus('open')} data-testid="ticket-reopen">
                        {t('tickets.action.reopen')}
                      </Button>
                      <Button
                        size="small"
                        data-testid="ticket-close"
                        onClick={() =>
                          close.mutate(
                            { ticketId: ticket.id, expectedVersion: ticket.version },
                            { onSuccess: () => void message.success(t('tickets.closed')), onError: fail },
                          )
                        }
                      >
                        {t('tickets.action.close')}
                      </Button>
                    </>
                  )}
                  {!active && (
                    <Button
                      size="small"
                      onClick={() => setDialog('satisfaction')}
                      data-testid="ticket-satisfaction-open"
                    >
                      {t('tickets.action.satisfaction')}
                    </Button>
                  )}
                  {ticket.status !== 'closed' && (
                    <Button size="small" onClick={() => setDialog('edit')} data-testid="ticket-edit-open">
                      {t('tickets.action.edit')}
                    </Button>
                  )}
                  {can('tickets.actions') && ticket.status !== 'closed' && (
                    <Button
                      size="small"
                      disabled={!ticket.loanId}
                      title={ticket.loanId ? undefined : t('tickets.related.needLoan')}
                      onClick={() => setDialog('related')}
                      data-testid="ticket-related-open"
                    >
                      {t('tickets.action.related')}
                    </Button>
                  )}
                </Space>
              )}
            </Space>
          </Card>
          <Clocks detail={detail} />
          <Card size="small" title={t('tickets.detail.description')} style={{ marginBottom: 12 }}>
            <UserText value={ticket.description} testId="ticket-description" />
            {ticket.resolutionNote && (
              <Alert
                style={{ marginTop: 8 }}
                type="success"
                title={
                  <span>
                    {t('tickets.resolve.note')}
                    {ticket.rootCause ? ` · ${t(`tickets.rootCause.${ticket.rootCause}` as MessageKey)}` : ''}
                  </span>
                }
                description={<UserText value={ticket.resolutionNote} />}
              />
            )}
          </Card>
          <Conversation detail={detail} />
          <History detail={detail} />
        </Col>
        <Col flex="380px">
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <CustomerPanel customerId={ticket.customerId} ticketId={ticket.id} />
            <Feedback detail={detail} onRecord={writer && !active ? () => setDialog('satisfaction') : undefined} />
            <Requests detail={detail} />
          </Space>
        </Col>
      </Row>
      <ResolveDialog open={dialog === 'resolve'} onClose={closeDialog} detail={detail} />
      <SatisfactionDialog open={dialog === 'satisfaction'} onClose={closeDialog} detail={detail} />
      <RelatedActionDialog open={dialog === 'related'} onClose={closeDialog} detail={detail} />
      <ReclassifyDialog open={dialog === 'edit'} onClose={closeDialog} detail={detail} />
      <AssignDialog open={dialog === 'assign'} onClose={closeDialog} detail={detail} />
    </>
  );
}

function Clocks({ detail }: { detail: TicketDetail }) {
  const { t } = useI18n();
  const duration = useDuration();
  const { ticket } = detail;
  const p = ticket.policy;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="ticket-clocks">
      <Row gutter={12} align="middle">
        <Col span={7}>
          <Typography.Text type="secondary">{t('tickets.col.firstResponse')}</Typography.Text>
          <div style={{ fontSize: 15 }}>
            <ClockCell clock={ticket.firstResponse} calendar={ticket.calendar} testId="ticket-clock-fr" />
          </div>
        </Col>
        <Col span={7}>
          <Typography.Text type="secondary">{t('tickets.col.resolution')}</Typography.Text>
          <div style={{ fontSize: 15 }}>
            <ClockCell clock={ticket.resolution} calendar={ticket.calendar} testId="ticket-clock-res" />
          </div>
        </Col>
        <Col span={10}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.info.policy', {
              fr: duration(p.firstResponseMinutes * 60_000, ticket.calendar),
              res: duration(p.resolutionMinutes * 60_000, ticket.calendar),
              calendar: t(p.calendar === '24x7' ? 'tickets.calendar.24x7' : 'tickets.calendar.business'),
            })}
          </Typography.Text>
          {ticket.escalatedToName && (
            <div>
              <Tag color="volcano" data-testid="ticket-escalated-to">
                {t('tickets.info.escalatedTo', { name: ticket.escalatedToName })}
              </Tag>
            </div>
          )}
        </Col>
      </Row>
    </Card>
  );
}

function Conversation({ detail }: { detail: TicketDetail }) {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const instant = useInstant();
  const colleagues = useColleagues();
  const { ticket } = detail;
  const [kind, setKind] = useState<MessageKind>('reply');
  const [body, setBody] = useState('');
  const [canned, setCanned] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [mentions, setMentions] = useState<string[]>([]);
  const send = useApiMutation('tickets.addMessage');
  const attach = useApiMutation('tickets.attach');
  const writable = can('tickets.write') && ticket.status !== 'closed';
  const fail = (e: ApiError) => void message.error(error(e.code, e.details));

  const pickCanned = async (code: string | undefined) => {
    if (!code) return;
    try {
      const filled = await invoke('tickets.fillCanned', { ticketId: ticket.id, code });
      setBody(filled.text);
      setCanned(code);
      setMissing(filled.missing.map((v) => t(`tickets.var.${v}` as MessageKey)));
    } catch (e) {
      fail(e as ApiError);
    }
  };
  const submit = () =>
    send.mutate(
      { ticketId: ticket.id, kind, body, cannedCode: canned, mentions },
      {
        onSuccess: () => {
          setBody('');
          setCanned(null);
          setMissing([]);
          setMentions([]);
          void message.success(t('tickets.msg.sent'));
        },
        onError: fail,
      },
    );
  const upload = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) return void message.error(t('tickets.attach.tooLarge'));
    if (!ATTACHMENT_MIME.test(file.type)) return void message.error(t('tickets.attach.type'));
    attach.mutate(
      { ticketId: ticket.id, fileName: file.name, mime: file.type, contentBase64: await fileToBase64(file) },
      { onSuccess: () => void message.success(t('tickets.attach.done', { name: file.name })), onError: fail },
    );
  };
  const download = async (attachmentId: string) => {
    try {
      const file = await invoke('tickets.downloadAttachment', { attachmentId });
      await saveBase64(file.fileName, file.mime, file.base64);
    } catch (e) {
      fail(e as ApiError);
    }
  };
  const placeholder: Record<MessageKind, MessageKey> = {
    reply: 'tickets.msg.placeholder.reply',
    note: 'tickets.msg.placeholder.note',
    customer: 'tickets.msg.placeholder.customer',
  };

  return (
    <Card size="small" title={t('tickets.detail.conversation')} style={{ marginBottom: 12 }}>
      {detail.messages.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.msg.empty')} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="ticket-messages">
          {detail.messages.map((m) => (
            <div
              key={m.id}
              data-testid={`ticket-message-${m.kind}`}
              style={{
                background: KIND_STYLE[m.kind].background,
                border: `1px solid ${KIND_STYLE[m.kind].border}`,
                borderRadius: 6,
                padding: '6px 10px',
                marginLeft: m.kind === 'customer' ? 0 : 32,
                marginRight: m.kind === 'customer' ? 32 : 0,
              }}
            >
              <Space size={6} style={{ marginBottom: 2 }} wrap>
                <Tag color={KIND_STYLE[m.kind].color}>{t(`tickets.msg.${m.kind}`)}</Tag>
                <Typography.Text strong>
                  {m.kind === 'customer' ? (detail.customer?.name ?? '—') : (m.authorName ?? '—')}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {instant(m.createdAt)}
                </Typography.Text>
                {m.mentions.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('tickets.msg.mentioned', { names: m.mentions.map((x) => x.name ?? '?').join('、') })}
                  </Typography.Text>
                )}
              </Space>
              <UserText value={m.body} testId="ticket-message-body" />
            </div>
          ))}
        </Space>
      )}
      {detail.attachments.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          header={<Typography.Text type="secondary">{t('tickets.attachments')}</Typography.Text>}
          dataSource={detail.attachments}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button key="d" type="link" size="small" onClick={() => void download(a.id)}>
                  {a.fileName}
                </Button>,
              ]}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <PaperClipOutlined /> {Math.ceil(a.sizeBytes / 1024)} KB · {a.uploadedByName ?? '—'} ·{' '}
                {instant(a.uploadedAt)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      {writable && (
        <div style={{ marginTop: 12, borderTop: '1px solid #f0f0f0', paddingTop: 12 }} data-testid="ticket-composer">
          <Space wrap style={{ marginBottom: 8 }}>
            <Segmented
              value={kind}
              onChange={(v) => setKind(v as MessageKind)}
              data-testid="ticket-message-kind"
              options={(['reply', 'note', 'customer'] as const).map((k) => ({
                value: k,
                label: t(`tickets.msg.${k}`),
              }))}
            />
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t('tickets.msg.canned')}
              value={canned ?? undefined}
              onChange={(v: string | undefined) => void pickCanned(v)}
              data-testid="ticket-canned"
              options={(colleagues.data?.canned ?? []).map((c) => ({ value: c.code, label: c.title }))}
            />
            <Select
              mode="multiple"
              allowClear
              style={{ minWidth: 180 }}
              placeholder={t('tickets.msg.mentions')}
              value={mentions}
              onChange={setMentions}
              data-testid="ticket-mentions"
              optionFilterProp="label"
              options={(colleagues.data?.users ?? [])
                .filter((u) => u.role !== 'loan_officer' || u.branchId === ticket.branchId)
                .map((u) => ({ value: u.id, label: colleagueLabel(u, t) }))}
            />
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<PaperClipOutlined />} loading={attach.isPending} title={t('tickets.attach.hint')}>
                {t('tickets.attach')}
              </Button>
            </Upload>
          </Space>
          {missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('tickets.msg.cannedMissing', { vars: missing.join('、') })}
            />
          )}
          <Input.TextArea
            rows={4}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            maxLength={TEXT_MAX_CHARS.message}
            placeholder={t(placeholder[kind])}
            data-testid="ticket-message-input"
            style={{ background: kind === 'note' ? KIND_STYLE.note.background : undefined }}
          />
          <div style={{ textAlign: 'right', marginTop: 8 }}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={body.trim() === ''}
              loading={send.isPending}
              onClick={submit}
              data-testid="ticket-message-send"
            >
              {t('tickets.msg.send')}
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}

function History({ detail }: { detail: TicketDetail }) {
  const { t } = useI18n();
  const instant = useInstant();
  const colleagues = useColleagues();
  const nameOf = (id: string | null | undefined) =>
    (id && colleagues.data?.users.find((u) => u.id === id)?.displayName) ?? '—';
  const describe = (e: TicketDetail['events'][number]): string => {
    const p = (e.payload ?? {}) as Record<string, unknown>;
    switch (e.type) {
      case 'TicketAssigned':
        return p.assigneeId
          ? t('tickets.event.TicketAssigned', { name: nameOf(p.assigneeId as string) })
          : t('tickets.event.TicketUnassigned');
      case 'TicketStatusChanged':
        return (
          t('tickets.event.TicketStatusChanged', { status: t(`tickets.status.${String(p.status)}` as MessageKey) }) +
          (p.reason === 'customerReply' ? t('tickets.event.customerReply') : '')
        );
      case 'TicketClosed':
        return p.auto ? t('tickets.event.TicketClosedAuto') : t('tickets.event.TicketClosed');
      case 'TicketEscalated':
        return t('tickets.event.TicketEscalated', {
          clock: t(p.clock === 'firstResponse' ? 'tickets.col.firstResponse' : 'tickets.col.resolution'),
          name: nameOf(p.escalatedTo as string | null),
        });
      default:
        return t(`tickets.event.${e.type}` as MessageKey);
    }
  };
  return (
    <Card size="small" title={t('tickets.history')}>
      <Timeline
        data-testid="ticket-history"
        items={detail.events.map((e) => ({
          key: e.id,
          color: e.type === 'TicketEscalated' ? 'red' : e.type === 'TicketResolved' ? 'green' : 'blue',
          content: (
            <span>
              {describe(e)}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                · {e.actorName ?? t('tickets.event.system')} · {instant(e.occurredAt)}
              </Typography.Text>
            </span>
          ),
        }))}
      />
    </Card>
  );
}

function Feedback({ detail, onRecord }: { detail: TicketDetail; onRecord?: () => void }) {
  const { t } = useI18n();
  const instant = useInstant();
  return (
    <Card
      size="small"
      title={t('tickets.satisfaction.title')}
      extra={
        onRecord && (
          <Button size="small" type="link" onClick={onRecord}>
            {t('tickets.action.satisfaction')}
          </Button>
        )
      }
      data-testid="ticket-feedback"
    >
      {detail.feedback.length === 0 ? (
        <Typography.Text type="secondary">{t('tickets.satisfaction.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={detail.feedback}
          renderItem={(f) => (
            <List.Item style={{ display: 'block', padding: '4px 0' }}>
              <Space size={6}>
                <Rate disabled value={f.score} style={{ fontSize: 14 }} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`tickets.satisfaction.source.${f.source}`)} · {instant(f.recordedAt)}
                </Typography.Text>
              </Space>
              {f.comment && <UserText value={f.comment} />}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Requests({ detail }: { detail: TicketDetail }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('tickets.related.list')} data-testid="ticket-requests">
      {detail.actions.length === 0 ? (
        <Typography.Text type="secondary">{t('tickets.related.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={detail.actions}
          renderItem={(a) => (
            <List.Item style={{ display: 'block', padding: '4px 0' }}>
              <Space size={6}>
                <Tag color={a.status === 'done' ? 'green' : 'gold'}>{t(`tickets.related.status.${a.status}`)}</Tag>
                <Typography.Text strong>{t(`tickets.actionKind.${a.kind}` as MessageKey)}</Typography.Text>
                <Typography.Text type="secondary">{a.officerName ?? '—'}</Typography.Text>
              </Space>
              <UserText value={a.note} />
              {a.outcome && (
                <Typography.Text type="success">
                  {t('requests.col.outcome')}
                  {t('shell.colon')}
                  {a.outcome}
                </Typography.Text>
              )}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

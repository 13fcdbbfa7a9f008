/** The event catalogue: every state change LoanDesk records, with the aggregate it
 *  belongs to, whether it is a transition (decided on a version of its aggregate,
 *  which it bumps; refused when that version moved) or a commuting fact (applies in
 *  any order, bumps nothing, refused only by a rule), its schema version and the zod
 *  schema of its payload. A payload carries everything its projector needs. The
 *  desktop, the sync server and a rebuild read events through `parseEvent`, which
 *  upcasts older schema versions. */
import { z } from 'zod';
import { DomainError } from '../core/errors';
import type { Assessment } from '../core/rules/assessment';
import type { LoanContract } from '../core/servicing/position';
import type { Schedule } from '../core/schedule/types';
import type { VatTreatment } from '../core/accounting/vat';
import type { ProductConfig } from './schemas/products';
import { ROOT_CAUSES, TICKET_CATEGORIES, TICKET_CHANNELS, TICKET_PRIORITIES } from '../core/tickets/status';
import { CONTACT_KINDS, CONTACT_OUTCOMES } from '../core/collections/promises';

const id = z.string().min(1).max(80);
const uuid = z.string().uuid();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const fen = z.number().int().safe();
const text = z.string().max(2000);
const channel = z.enum(['bank', 'cash']);
/** A sensitive value as it travels to and rests on the sync server: AES-256-GCM
 *  ciphertext under the organisation data key (see contract/sync/seal.ts). */
export const SEALED_PREFIX = 'enc:v1:';
const sealedValue = z.string().startsWith(SEALED_PREFIX).max(4000);
/** A sensitive field: clear on a desktop, sealed between desktops and the server. */
function sensitive<T extends z.ZodType>(schema: T) {
  return z.union([schema, sealedValue]);
}
const role = z.enum(['admin', 'manager', 'loan_officer', 'cs_agent', 'auditor', 'accountant']);
const classification = z.enum(['normal', 'specialMention', 'substandard', 'doubtful', 'loss']);
const instant = z.string().datetime({ offset: true });
const message = z.string().max(4000);
const shortCode = z.string().max(24);
const slaPolicy = z.object({
  firstResponseMinutes: z.number().int().min(1),
  resolutionMinutes: z.number().int().min(1),
  calendar: z.enum(['24x7', 'business']),
});
const ticketClassification = {
  category: z.enum(TICKET_CATEGORIES),
  priority: z.enum(TICKET_PRIORITIES),
  subject: text,
  customerId: id.nullable(),
  loanId: id.nullable(),
  /** The branch the ticket belongs to (its customer's or loan's, else the opener's). */
  branchId: id.nullable(),
  /** The targets it runs on, fixed when it is opened or re-classified. */
  policy: slaPolicy,
};

/** The contract as fixed at approval (and re-fixed at disbursement, when the
 *  schedule starts on the disbursement day). */
export interface StoredContract extends LoanContract {
  schedule: Schedule;
  /** How its income is taxed, fixed at disbursement (absent on loans disbursed
   *  before VAT was booked: the company's settings apply). */
  vat?: VatTreatment;
}
const contract = z.custom<StoredContract>(
  (v) => typeof v === 'object' && v !== null && 'terms' in v && 'schedule' in v,
  'CONTRACT_INVALID',
);
const assessment = z.custom<Assessment>(
  (v) => typeof v === 'object' && v !== null && 'prechecks' in v && 'decision' in v,
  'ASSESSMENT_INVALID',
);
const productConfig = z.custom<ProductConfig>(
  (v) => typeof v === 'object' && v !== null && 'method' in v,
  'PRODUCT_CONFIG_INVALID',
);
const watchlistHit = z.object({
  entryId: id,
  entryName: text,
  match: z.enum(['residentId', 'name']),
  reason: text,
  source: text,
});
const customerFields = {
  name: text,
  phone: sensitive(z.string().max(40)).nullable(),
  bankCard: sensitive(z.string().max(40)).nullable(),
  address: text.nullable(),
  employer: text.nullable(),
  monthlyIncomeFen: fen.nullable(),
  monthlyDebtFen: fen.nullable(),
  employmentYears: z.number().int().nullable(),
  registeredCapitalFen: fen.nullable(),
  industry: text.nullable(),
  /** A farm household (农户): its small loans may be VAT-exempt. */
  farmHousehold: z.boolean().optional(),
};
const accountCode = z.string().regex(/^\d{4}(\.\d{2}){0,2}$/);
const accountType = z.enum(['asset', 'contraAsset', 'liability', 'equity', 'income', 'expense']);
const entryLine = z.object({
  accountId: accountCode,
  debitFen: fen.min(0),
  creditFen: fen.min(0),
  memo: text.nullable(),
});

export type EventKind = 'transition' | 'fact';

interface EventSpec<A extends string, S extends z.ZodType> {
  aggregate: A;
  kind: EventKind;
  schemaVersion: number;
  payload: S;
  /** Upcasters from each older schema version to the next: upcast[v] turns a
   *  version-v payload into a version v+1 payload. */
  upcast?: Record<number, (payload: Record<string, unknown>) => Record<string, unknown>>;
  /** Payload fields (dot paths) that never reach the server in clear. */
  sealed?: readonly string[];
  /** Payload fields the server gets a keyed hash of, for duplicate checks. */
  hashed?: readonly string[];
}

function spec<A extends string, S extends z.ZodType>(s: EventSpec<A, S>): EventSpec<A, S> {
  return s;
}

export const EVENTS = {
  OrganisationCreated: spec({
    aggregate: 'organisation',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ name: text, isDemo: z.boolean() }),
  }),
  BranchCreated: spec({
    aggregate: 'branch',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ code: z.string().max(16), name: text, openedOn: date }),
  }),
  UserCreated: spec({
    aggregate: 'user',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      username: z.string().max(64),
      displayName: text,
      passwordHash: sensitive(z.string().max(400)),
      role,
      branchId: id.nullable(),
      approvalLimitFen: fen,
      mustChangePassword: z.boolean(),
    }),
    sealed: ['passwordHash'],
  }),
  UserChanged: spec({
    aggregate: 'user',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      displayName: text.optional(),
      role: role.optional(),
      branchId: id.nullable().optional(),
      approvalLimitFen: fen.optional(),
      disabled: z.boolean().optional(),
      locale: z.enum(['zh-CN', 'en']).nullable().optional(),
    }),
  }),
  UserPasswordSet: spec({
    aggregate: 'user',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      passwordHash: sensitive(z.string().max(400)),
      mustChangePassword: z.boolean(),
      reason: z.enum(['reset', 'change']),
    }),
    sealed: ['passwordHash'],
  }),
  UserTotpChanged: spec({
    aggregate: 'user',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ enabled: z.boolean(), secret: sensitive(z.string().max(200)).nullable() }),
    sealed: ['secret'],
  }),
  SettingsChanged: spec({
    aggregate: 'settings',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ section: z.string().max(40), value: z.record(z.string(), z.unknown()) }),
  }),
  WatchlistEntryAdded: spec({
    aggregate: 'watchlist',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ name: text, residentId: sensitive(z.string().max(18)).nullable(), reason: text, source: text }),
    sealed: ['residentId'],
  }),
  CustomerRegistered: spec({
    aggregate: 'customer',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      number: z.string().max(32),
      kind: z.enum(['person', 'business']),
      residentId: sensitive(z.string().max(18)).nullable(),
      birthDate: date.nullable(),
      sex: z.enum(['male', 'female']).nullable(),
      creditCode: z.string().max(18).nullable(),
      legalRepId: id.nullable(),
      consentAt: z.string().max(40),
      watchlist: z.array(watchlistHit),
      ...customerFields,
      /** Keyed hashes of identifiers, added when the event travels (duplicate checks). */
      hashes: z.object({ residentId: z.string().max(64).optional() }).optional(),
    }),
    sealed: ['residentId', 'phone', 'bankCard'],
    hashed: ['residentId'],
  }),
  CustomerUpdated: spec({
    aggregate: 'customer',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ changes: z.object(customerFields).partial() }),
    sealed: ['changes.phone', 'changes.bankCard'],
  }),
  ProductDefined: spec({
    aggregate: 'product',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      code: z.string().max(16),
      name: text,
      /** The English name (absent: the screens show \`name\` in both languages). */
      nameEn: text.nullable().optional(),
      active: z.boolean(),
      config: productConfig,
    }),
  }),
  ProductChanged: spec({
    aggregate: 'product',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      code: z.string().max(16),
      name: text,
      /** The English name (absent: the screens show \`name\` in both languages). */
      nameEn: text.nullable().optional(),
      active: z.boolean(),
      config: productConfig,
    }),
  }),
  ApplicationSubmitted: spec({
    aggregate: 'application',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      number: z.string().max(32),
      customerId: id,
      productId: id,
      amountFen: fen,
      periods: z.number().int(),
      rateAnnual: z.string().max(20),
      purpose: text,
      assessment,
      /** Where the pre-checks and the score routed it. */
      route: z.enum(['review', 'autoApproved', 'autoDeclined']),
      /** The loan created by an automatic approval. */
      loanId: id.nullable(),
    }),
  }),
  ApplicationApproved: spec({
    aggregate: 'application',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      amountFen: fen,
      periods: z.number().int(),
      rateAnnual: z.string().max(20),
      note: text.nullable(),
      assessment,
      loanId: id,
      /** A hard pre-check failed and a permitted role approved anyway. */
      override: z.object({ reason: text, checks: z.array(z.string().max(40)) }).nullable(),
    }),
  }),
  ApplicationDeclined: spec({
    aggregate: 'application',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ reason: text }),
  }),
  ApplicationReturned: spec({
    aggregate: 'application',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ reason: text }),
  }),
  LoanApproved: spec({
    aggregate: 'loan',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      number: z.string().max(32),
      applicationId: id,
      customerId: id,
      productId: id,
      branchId: id.nullable(),
      officerId: id.nullable(),
      approvedBy: id,
      annualizedRate: z.string().max(20),
      contract,
    }),
  }),
  /** An approved loan withdrawn before disbursement (a duplicate, the customer
   *  declined the money), with the reason; nothing was posted, nothing is. */
  LoanCancelled: spec({
    aggregate: 'loan',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ reason: text }),
  }),
  LoanDisbursed: spec({
    aggregate: 'loan',
    kind: 'transition',
    schemaVersion: 2,
    payload: z.object({
      transactionId: uuid,
      date,
      channel,
      contract,
      /** v2: the bank account the money went to (a bank transfer; null for cash). */
      receivingAccount: sensitive(z.string().max(40)).nullable(),
      /** v2: the bank transfer's reference, to match the bank statement. */
      transferRef: z.string().max(64).nullable(),
    }),
    // Version 1 recorded neither: the account and reference are unknown.
    upcast: { 1: (p) => ({ ...p, receivingAccount: null, transferRef: null }) },
    sealed: ['receivingAccount'],
  }),
  RepaymentRecorded: spec({
    aggregate: 'loan',
    kind: 'fact',
    schemaVersion: 3,
    payload: z.object({
      transactionId: uuid,
      amountFen: fen,
      valueDate: date,
      channel,
      note: text.nullable(),
      /** v3: the bank's reference of the incoming transfer (a bank-statement import),
       *  so the same statement line is never recorded twice. */
      transferRef: z.string().max(64).optional(),
      /** v2: what the repayment is for: pay installments (ahead when early) or
       *  prepay principal. */
      intent: z.enum(['installments', 'principal']),
      /** v2: a payoff whose actual annualized cost passes the cap, let through by a
       *  role allowed to override it, with the reason. */
      capOverride: z.object({ reason: text }).optional(),
    }),
    // Version 1 had no intent: a repayment then paid what was due and prepaid
    // principal with the rest, which is intent 'principal'.
    // Version 2 had no bank reference (none was known): the payload is the same.
    upcast: { 1: (p) => ({ ...p, intent: 'principal' }), 2: (p) => p },
  }),
  RepaymentReversed: spec({
    aggregate: 'loan',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({ transactionId: uuid, reversesId: uuid, reason: text }),
  }),
  WriteOffProposed: spec({
    aggregate: 'loan',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ reason: text }),
  }),
  LoanWrittenOff: spec({
    aggregate: 'loan',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ date }),
  }),
  RecoveryRecorded: spec({
    aggregate: 'loan',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({ transactionId: uuid, amountFen: fen, valueDate: date, channel }),
  }),
  ClassificationOverridden: spec({
    aggregate: 'loan',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ classification: classification.nullable(), reason: text }),
  }),
  DocumentAttached: spec({
    aggregate: 'loan',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({
      documentId: uuid,
      fileName: text,
      mime: z.string().max(120),
      sizeBytes: z.number().int().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      note: text.nullable(),
    }),
  }),
  /** A repayment's receipt number (还款凭证号), given once by the desktop that
   *  recorded the repayment (or, for one recorded before receipts existed, at its
   *  first print): the branch code, this desktop's number prefix and its sequence. */
  ReceiptIssued: spec({
    aggregate: 'loan',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({ transactionId: uuid, receiptNumber: z.string().min(1).max(40) }),
  }),
  /** One copy of a receipt printed or saved as PDF: the first is the original, every
   *  later one a reprint (补打); a reversed repayment's copy is marked 已冲正. */
  ReceiptPrinted: spec({
    aggregate: 'loan',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({
      transactionId: uuid,
      receiptNumber: z.string().min(1).max(40),
      /** The copy number the paper carries (1: the original). */
      copy: z.number().int().min(1),
      output: z.enum(['print', 'pdf']),
      paper: z.enum(['a4', 'continuous241']),
      reversed: z.boolean(),
    }),
  }),
  /** The company's key for the payoff certificates' verification codes (32 random
   *  bytes, base64): clear on the desktops, sealed between them and the server. */
  DocumentKeyCreated: spec({
    aggregate: 'documentKey',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ key: sensitive(z.string().regex(/^[A-Za-z0-9+/]{43}=$/)) }),
    sealed: ['key'],
  }),
  ComplianceFlagReviewed: spec({
    aggregate: 'complianceFlag',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ note: text, decision: z.enum(['reported', 'dismissed']).nullable().default(null) }),
  }),
  TicketOpened: spec({
    aggregate: 'ticket',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      number: z.string().max(32),
      channel: z.enum(TICKET_CHANNELS),
      description: message,
      team: shortCode.nullable(),
      assigneeId: id.nullable(),
      /** Opened while talking to the customer (phone, counter): responded at once. */
      respondedAtOpen: z.boolean(),
      ...ticketClassification,
    }),
  }),
  TicketUpdated: spec({
    aggregate: 'ticket',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object(ticketClassification),
  }),
  TicketAssigned: spec({
    aggregate: 'ticket',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ assigneeId: id.nullable(), team: shortCode.nullable() }),
  }),
  TicketStatusChanged: spec({
    aggregate: 'ticket',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ status: z.enum(['open', 'pending']), reason: z.enum(['agent', 'customerReply']) }),
  }),
  TicketResolved: spec({
    aggregate: 'ticket',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ note: message, rootCause: z.enum(ROOT_CAUSES).nullable() }),
  }),
  TicketClosed: spec({
    aggregate: 'ticket',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ auto: z.boolean() }),
  }),
  TicketEscalated: spec({
    aggregate: 'ticket',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      clock: z.enum(['firstResponse', 'resolution']),
      /** The team lead it went to (none when the team has no lead). */
      escalatedTo: id.nullable(),
      dueAt: instant,
    }),
  }),
  TicketMessageAdded: spec({
    aggregate: 'ticket',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({
      messageId: uuid,
      kind: z.enum(['reply', 'note', 'customer']),
      body: message,
      cannedCode: shortCode.nullable(),
      mentions: z.array(id).max(10),
    }),
  }),
  TicketAttachmentAdded: spec({
    aggregate: 'ticket',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({
      attachmentId: uuid,
      fileName: text,
      mime: z.string().max(120),
      sizeBytes: z.number().int().min(1),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  }),
  TicketSatisfactionRecorded: spec({
    aggregate: 'ticket',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({
      feedbackId: uuid,
      score: z.number().int().min(1).max(5),
      comment: message.nullable(),
      source: z.enum(['agent', 'import']),
    }),
  }),
  TicketActionRequested: spec({
    aggregate: 'ticketAction',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      ticketId: id,
      kind: z.enum(['hardshipReview', 'repaymentDateQuestion', 'postedAmountDispute']),
      loanId: id,
      customerId: id.nullable(),
      /** The loan officer whose queue it lands in. */
      officerId: id.nullable(),
      note: text,
    }),
  }),
  TicketActionCompleted: spec({
    aggregate: 'ticketAction',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ outcome: text }),
  }),
  ContactLogged: spec({
    aggregate: 'loan',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({
      contactId: uuid,
      kind: z.enum(CONTACT_KINDS),
      outcome: z.enum(CONTACT_OUTCOMES),
      note: text.nullable(),
    }),
  }),
  PromiseToPayMade: spec({
    aggregate: 'loan',
    kind: 'fact',
    schemaVersion: 1,
    payload: z.object({ promiseId: uuid, contactId: uuid.nullable(), amountFen: fen, promisedDate: date }),
  }),
  DayClosed: spec({
    aggregate: 'day',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ branchId: id, date }),
  }),
  PeriodClosed: spec({
    aggregate: 'period',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ through: date }),
  }),
  /** The latest closed period opened again (by a manager, with the reason): its
   *  closing entries are undone and it takes postings again. */
  PeriodReopened: spec({
    aggregate: 'period',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ through: date, reason: text }),
  }),
  /** An account added to the chart (its id is the code it is given). */
  AccountDefined: spec({
    aggregate: 'account',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      code: accountCode,
      nameZh: text,
      nameEn: text,
      type: accountType,
      parentId: accountCode.nullable(),
    }),
  }),
  /** An account renamed, renumbered or (an added one) deactivated. */
  AccountChanged: spec({
    aggregate: 'account',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      code: accountCode.optional(),
      nameZh: text.optional(),
      nameEn: text.optional(),
      active: z.boolean().optional(),
    }),
  }),
  /** A manual journal entry (手工凭证) proposed: the maker's voucher, not yet posted. */
  ManualEntryProposed: spec({
    aggregate: 'manualEntry',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({
      number: z.string().max(32),
      kind: z.enum(['manual', 'opening', 'reversal']),
      /** The day of what it records (an opening entry's opening date). */
      valueDate: date,
      memo: text,
      lines: z.array(entryLine).min(2).max(50),
      /** The entry this one reverses (kind reversal). */
      reversesId: id.nullable(),
    }),
  }),
  /** The checker approved it: it posts on postingDate. */
  ManualEntryApproved: spec({
    aggregate: 'manualEntry',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ postingDate: date, note: text.nullable() }),
  }),
  ManualEntryRejected: spec({
    aggregate: 'manualEntry',
    kind: 'transition',
    schemaVersion: 1,
    payload: z.object({ reason: text }),
  }),
} as const;

export type EventType = keyof typeof EVENTS;
export type Aggregate = (typeof EVENTS)[EventType]['aggregate'];
export type PayloadOf<T extends EventType> = z.output<(typeof EVENTS)[T]['payload']>;

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENTS, type);
}

/** An event as every node stores and ships it. */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  aggregate: Aggregate;
  aggregateId: string;
  /** Transition: the version it produced. Fact: the version it was decided on. */
  version: number;
  kind: EventKind;
  type: T;
  schemaVersion: number;
  payload: PayloadOf<T>;
  actorId: string | null;
  deviceId: string;
  branchId: string | null;
  /** The business date it was booked on (the branch's open day when decided). */
  businessDate: string | null;
  requestId: string | null;
  occurredAt: string;
}

/** A typed event of any type (narrow on `type`). */
export type AnyEvent = { [T in EventType]: EventEnvelope<T> }[EventType];

/** Validates a stored or received event against the catalogue, upcasting an older
 *  payload to the current schema version. EVENT_UNKNOWN / EVENT_INVALID otherwise. */
export function parseEvent(
  raw: Omit<EventEnvelope, 'payload' | 'type'> & { type: string; payload: unknown },
): AnyEvent {
  if (!isEventType(raw.type)) throw new DomainError('EVENT_UNKNOWN', { type: raw.type });
  const s: EventSpec<string, z.ZodType> = EVENTS[raw.type];
  let payload = raw.payload as Record<string, unknown>;
  let version = raw.schemaVersion;
  if (version > s.schemaVersion) throw new DomainError('EVENT_TOO_NEW', { type: raw.type, version });
  while (version < s.schemaVersion) {
    const up = s.upcast?.[version];
    if (!up) throw new DomainError('EVENT_INVALID', { type: raw.type, version });
    payload = up(payload);
    version++;
  }
  const parsed = s.payload.safeParse(payload);
  if (!parsed.success)
    throw new DomainError('EVENT_INVALID', {
      type: raw.type,
      issues: parsed.error.issues.map((i) => i.path.join('.')),
    });
  if (raw.aggregate !== s.aggregate || raw.kind !== s.kind)
    throw new DomainError('EVENT_INVALID', { type: raw.type, issues: ['envelope'] });
  return { ...raw, type: raw.type, schemaVersion: s.schemaVersion, payload: parsed.data } as AnyEvent;
}

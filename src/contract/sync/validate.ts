/** The sync server's re-validation of an event a desktop sends: the same core rules
 *  the desktop ran before recording it, re-run on the company's confirmed state.
 *  A transition must follow the confirmed version of its aggregate; a fact is
 *  refused only by a rule. Throws a DomainError with the refusal's code. */
import { can, isRole, type Permission } from '../../core/auth/permissions';
import { DomainError } from '../../core/errors';
import {
  loanPosition,
  payoffQuote,
  repaymentEffect,
  type LoanContract,
  type LoanTransaction,
} from '../../core/servicing/position';
import {
  checkApprovalAssessment,
  checkPayoffCap,
  checkRecoveryAmount,
  checkReversal,
  checkWriteOffApproval,
  checkWriteOffProposal,
  requireActive,
  requireCancellable,
  requireDisbursable,
  requireReviewable,
  requireWithinLimit,
  PAYOFF_CAP_OVERRIDE,
  REPAYMENT_GUARD_EXTRA_FEN,
  SYSTEM_ACTOR,
} from '../../core/rules/lending';
import { checkProductRateCap } from '../../core/rules/products';
import { EVENTS, type AnyEvent, type EventType } from '../events';
import type { AggregateState, ApplicationState, LoanState, ManualEntryState, UserState } from './state';
import { checkEntryDecision, checkEntryLines } from '../../core/accounting/entries';

export interface ValidationContext {
  /** The confirmed state of an aggregate (null when it has no event yet). */
  state: (aggregate: string, id: string) => AggregateState | null;
  /** The branch's last closed business day. */
  lastClosed: (branchId: string) => string | null;
  /** The company's write-off threshold (days past due). */
  writeOffMinDpd: number;
  /** Whether a resident ID (by keyed hash), credit code, user name or bank reference
   *  of an incoming transfer is taken. */
  identityTaken: (kind: IdentityKind, value: string) => boolean;
  /** The branches the sending device may write for ('all' for a head-office device). */
  branches: readonly string[] | 'all';
}

/** What is unique across the company: a resident ID (by keyed hash), a credit code,
 *  a user name, and the bank's reference of a transfer recorded as a repayment (a
 *  statement line is recorded once, whichever desktop imported it first). */
export type IdentityKind = 'residentId' | 'creditCode' | 'username' | 'transferRef';

/** What role an event's actor needs. */
const PERMISSION: Partial<Record<EventType, Permission>> = {
  CustomerRegistered: 'customers.write',
  CustomerUpdated: 'customers.write',
  WatchlistEntryAdded: 'customers.write',
  DocumentAttached: 'customers.write',
  ApplicationSubmitted: 'applications.create',
  ApplicationApproved: 'applications.review',
  ApplicationDeclined: 'applications.review',
  ApplicationReturned: 'applications.review',
  LoanDisbursed: 'loans.disburse',
  LoanCancelled: 'loans.cancel',
  RepaymentRecorded: 'repayments.record',
  RepaymentReversed: 'repayments.reverse',
  RecoveryRecorded: 'repayments.record',
  WriteOffProposed: 'repayments.record',
  LoanWrittenOff: 'loans.writeOff',
  ClassificationOverridden: 'loans.writeOff',
  ComplianceFlagReviewed: 'compliance.review',
  DayClosed: 'eod.run',
  PeriodClosed: 'books.close',
  PeriodReopened: 'books.reopen',
  AccountDefined: 'books.chart',
  AccountChanged: 'books.chart',
  ManualEntryProposed: 'books.propose',
  ManualEntryApproved: 'books.approve',
  ManualEntryRejected: 'books.approve',
  ProductDefined: 'products.manage',
  ProductChanged: 'products.manage',
  BranchCreated: 'users.manage',
  UserCreated: 'users.manage',
  UserChanged: 'users.manage',
  SettingsChanged: 'settings.manage',
  TicketOpened: 'tickets.write',
  TicketUpdated: 'tickets.write',
  TicketAssigned: 'tickets.write',
  TicketStatusChanged: 'tickets.write',
  TicketResolved: 'tickets.write',
  TicketClosed: 'tickets.write',
  TicketMessageAdded: 'tickets.write',
  TicketAttachmentAdded: 'tickets.write',
  TicketSatisfactionRecorded: 'tickets.write',
  TicketActionRequested: 'tickets.actions',
  TicketActionCompleted: 'tickets.write',
  ContactLogged: 'collections.write',
  PromiseToPayMade: 'collections.write',
  ReceiptIssued: 'repayments.record',
  ReceiptPrinted: 'repayments.record',
  DocumentKeyCreated: 'repayments.record',
};

/** Events that post to the journal: booked on a day their branch has not closed. */
const POSTING: ReadonlySet<EventType> = new Set([
  'LoanDisbursed',
  'RepaymentRecorded',
  'RepaymentReversed',
  'RecoveryRecorded',
  'WriteOffProposed',
  'LoanWrittenOff',
  'ClassificationOverridden',
  'ManualEntryApproved',
]);

function servicing(l: LoanState): LoanTransaction[] {
  return l.txs.flatMap((t): LoanTransaction[] =>
    t.type === 'repayment'
      ? [
          {
            id: t.id,
            type: 'repayment',
            valueDate: t.valueDate,
            amountFen: t.amountFen,
            ...(t.intent ? { intent: t.intent } : {}),
          },
        ]
      : t.type === 'reversal' && t.reversesId
        ? [{ id: t.id, type: 'reversal', valueDate: t.valueDate, reversesId: t.reversesId }]
        : [],
  );
}

function requireState<T extends AggregateState>(s: AggregateState | null, code: string): T {
  if (!s) throw new DomainError(code);
  return s as T;
}

export function validateEvent(e: AnyEvent, ctx: ValidationContext): void {
  const spec = EVENTS[e.type];
  const current = ctx.state(spec.aggregate, e.aggregateId);
  const version = current?.version ?? 0;
  if (spec.kind === 'transition' && e.version !== version + 1)
    throw new DomainError('VERSION_CONFLICT', { aggregate: spec.aggregate, expected: version + 1, actual: e.version });
  if (spec.kind === 'fact' && (!current || e.version > version))
    throw new DomainError('VERSION_CONFLICT', { aggregate: spec.aggregate, expected: version, actual: e.version });

  // The device writes for its own branches; the company's records are everyone's.
  if (ctx.branches !== 'all' && e.branchId && !ctx.branches.includes(e.branchId))
    throw new DomainError('BRANCH_OUT_OF_SCOPE', { branchId: e.branchId });

  // The actor must be a user of the company whose role allows the action.
  let actor: UserState | null = null;
  if (e.actorId && e.actorId !== SYSTEM_ACTOR) {
    actor = ctx.state('user', e.actorId) as UserState | null;
    if (!actor) throw new DomainError('ACTOR_UNKNOWN', { actorId: e.actorId });
    if (actor.disabled) throw new DomainError('USER_DISABLED');
    const permission = PERMISSION[e.type];
    const ownChange = (e.type === 'UserPasswordSet' || e.type === 'UserTotpChanged') && e.aggregateId === e.actorId;
    if (permission && !ownChange && !(isRole(actor.role) && can(actor.role, permission)))
      throw new DomainError('PERMISSION_DENIED', { permission });
    if ((e.type === 'UserPasswordSet' || e.type === 'UserTotpChanged') && !ownChange)
      if (!(isRole(actor.role) && can(actor.role, 'users.manage')))
        throw new DomainError('PERMISSION_DENIED', { permission: 'users.manage' });
  }

  if (POSTING.has(e.type) && e.branchId) {
    const closed = ctx.lastClosed(e.branchId);
    if (closed && (!e.businessDate || e.businessDate <= closed))
      throw new DomainError('BUSINESS_DAY_CLOSED', { businessDate: e.businessDate, closedThrough: closed });
  }

  switch (e.type) {
    case 'UserCreated':
      if (ctx.identityTaken('username', e.payload.username)) throw new DomainError('USERNAME_TAKEN');
      return;
    case 'CustomerRegistered': {
      const hashes = (e.payload as { hashes?: { residentId?: string } }).hashes;
      if (hashes?.residentId && ctx.identityTaken('residentId', hashes.residentId))
        throw new DomainError('CUSTOMER_DUPLICATE', { field: 'residentId' });
      if (e.payload.creditCode && ctx.identityTaken('creditCode', e.payload.creditCode))
        throw new DomainError('CUSTOMER_DUPLICATE', { field: 'creditCode' });
      return;
    }
    case 'ApplicationSubmitted': {
      if (!ctx.state('customer', e.payload.customerId)) throw new DomainError('CUSTOMER_UNKNOWN');
      if (!ctx.state('product', e.payload.productId)) throw new DomainError('PRODUCT_UNKNOWN');
      // The route must follow from the recorded assessment.
      if (e.payload.route !== e.payload.assessment.decision) throw new DomainError('ASSESSMENT_MISMATCH');
      return;
    }
    case 'ApplicationApproved': {
      const app = requireState<ApplicationState>(current, 'APPLICATION_UNKNOWN');
      requireReviewable({ ...app, createdBy: app.createdBy ?? '' }, e.version - 1, e.actorId ?? '');
      if (actor) requireWithinLimit(e.payload.amountFen, actor.approvalLimitFen);
      const allowed = !!actor && isRole(actor.role) && can(actor.role, 'applications.override');
      checkApprovalAssessment(e.payload.assessment, { allowed, reason: e.payload.override?.reason ?? null });
      return;
    }
    case 'ApplicationDeclined':
    case 'ApplicationReturned':
      {
        const app = requireState<ApplicationState>(current, 'APPLICATION_UNKNOWN');
        requireReviewable({ ...app, createdBy: app.createdBy ?? '' }, e.version - 1, e.actorId ?? '');
      }
      return;
    case 'LoanApproved': {
      const app = ctx.state('application', e.payload.applicationId) as ApplicationState | null;
      if (!app) throw new DomainError('APPLICATION_UNKNOWN');
      if (app.status !== 'approved' || app.loanId !== e.aggregateId) throw new DomainError('APPLICATION_NOT_APPROVED');
      const terms = (e.payload.contract as { terms: { principalFen: number } }).terms;
      if (terms.principalFen !== app.amountFen) throw new DomainError('CONTRACT_MISMATCH', { field: 'principalFen' });
      return;
    }
    case 'LoanDisbursed': {
      const loan = requireState<LoanState>(current, 'LOAN_UNKNOWN');
      const app = ctx.state('application', loan.applicationId) as ApplicationState | null;
      requireDisbursable(
        { status: loan.status, disbursedOn: loan.disbursedOn, approvedBy: loan.approvedBy, version: loan.version },
        app?.createdBy ?? null,
        e.actorId ?? '',
        e.version - 1,
      );
      return;
    }
    case 'LoanCancelled': {
      const loan = requireState<LoanState>(current, 'LOAN_UNKNOWN');
      requireCancellable(loan, e.version - 1);
      return;
    }
    case 'ProductDefined':
    case 'ProductChanged':
      // The red line holds for every product, whoever saved it (the confirmation
      // above the default cap is the saving desktop's, audited there).
      checkProductRateCap(e.payload.config.rateCapAnnual, true);
      return;
    case 'RepaymentRecorded': {
      const reference = e.payload.transferRef;
      if (reference && ctx.identityTaken('transferRef', reference))
        throw new DomainError('STATEMENT_REF_IMPORTED', { reference });
      const loan = requireState<LoanState>(current, 'LOAN_UNKNOWN');
      requireActive(loan.status);
      const date = e.businessDate ?? e.payload.valueDate;
      const position = loanPosition(loan.contract as LoanContract, servicing(loan), date);
      if (position.closed) throw new DomainError('LOAN_CLOSED');
      const payoff = payoffQuote(loan.contract as LoanContract, servicing(loan), e.payload.valueDate).totalFen;
      if (e.payload.amountFen > payoff * 2 + REPAYMENT_GUARD_EXTRA_FEN)
        throw new DomainError('REPAYMENT_TOO_LARGE', { payoffFen: payoff });
      // A payoff above the cap needs its override, by a role allowed to give one.
      const { cap } = repaymentEffect(
        loan.contract as LoanContract,
        servicing(loan),
        {
          id: e.payload.transactionId,
          type: 'repayment',
          valueDate: e.payload.valueDate,
          amountFen: e.payload.amountFen,
          intent: e.payload.intent,
        },
        date,
      );
      checkPayoffCap(cap, {
        allowed: !!actor && isRole(actor.role) && can(actor.role, PAYOFF_CAP_OVERRIDE),
        reason: e.payload.capOverride?.reason ?? null,
      });
      return;
    }
    case 'RepaymentReversed': {
      const loan = requireState<LoanState>(current, 'LOAN_UNKNOWN');
      const tx = loan.txs.find((t) => t.id === e.payload.reversesId);
      const reversed = loan.txs.some((t) => t.type === 'reversal' && t.reversesId === e.payload.reversesId);
      checkReversal(tx ? { kind: tx.type, reversedById: reversed ? 'x' : null } : undefined, loan.status);
      return;
    }
    case 'RecoveryRecorded': {
      const loan = requireState<LoanState>(current, 'LOAN_UNKNOWN');
      if (loan.status !== 'written_off') throw new DomainError('LOAN_NOT_WRITTEN_OFF');
      const writtenOff = loanPosition(
        loan.contract as LoanContract,
        servicing(loan),
        loan.writtenOffOn!,
      ).outstandingPrincipalFen;
      const recovered = loan.txs.filter((t) => t.type === 'recovery').reduce((s, t) => s + t.amountFen, 0);
      checkRecoveryAmount(e.payload.amountFen, writtenOff, recovered);
      return;
    }
    case 'WriteOffProposed': {
      const loan = requireState<LoanState>(current, 'LOAN_UNKNOWN');
      const dpd = loanPosition(loan.contract as LoanContract, servicing(loan), e.businessDate!).dpd;
      checkWriteOffProposal(
        { status: loan.status, dpd, proposal: loan.proposal && { by: loan.proposal.by ?? '', reason: '', at: '' } },
        ctx.writeOffMinDpd,
      );
      return;
    }
    case 'LoanWrittenOff': {
      const loan = requireState<LoanState>(current, 'LOAN_UNKNOWN');
      checkWriteOffApproval(
        { status: loan.status, proposal: loan.proposal && { by: loan.proposal.by ?? '', reason: '', at: '' } },
        e.actorId ?? '',
      );
      return;
    }
    case 'ClassificationOverridden':
      requireActive(requireState<LoanState>(current, 'LOAN_UNKNOWN').status);
      return;
    case 'DocumentAttached':
      requireState<LoanState>(current, 'LOAN_UNKNOWN');
      return;
    case 'ReceiptIssued':
    case 'ReceiptPrinted': {
      // A receipt is of a repayment of this loan.
      const loan = requireState<LoanState>(current, 'LOAN_UNKNOWN');
      const tx = loan.txs.find((t) => t.id === e.payload.transactionId);
      if (!tx || tx.type !== 'repayment') throw new DomainError('RECEIPT_NOT_REPAYMENT');
      return;
    }
    case 'ManualEntryProposed':
      checkEntryLines(e.payload.lines, null);
      return;
    case 'ManualEntryApproved':
    case 'ManualEntryRejected':
      // Maker-checker: a proposed entry, decided by someone other than its maker.
      checkEntryDecision(current as ManualEntryState | undefined, e.actorId ?? '');
      return;
    case 'DayClosed': {
      const closed = ctx.lastClosed(e.payload.branchId);
      if (closed && e.payload.date <= closed)
        throw new DomainError('EOD_DAY_CLOSED', { date: e.payload.date, closedThrough: closed });
      if (e.aggregateId !== `${e.payload.branchId}:${e.payload.date}`) throw new DomainError('EVENT_INVALID');
      return;
    }
    default:
      return;
  }
}

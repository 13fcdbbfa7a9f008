/** The state of each aggregate that the rules need, as a pure fold of its events
 *  (`evolve`). The sync server keeps it per aggregate to re-validate what desktops
 *  send; a desktop could fold the same from its log. Plain JSON, so it can be
 *  stored as it is. */
import type { AnyEvent } from '../events';

export interface LoanTx {
  id: string;
  type: 'repayment' | 'reversal' | 'recovery';
  amountFen: number;
  valueDate: string;
  reversesId?: string;
  /** A repayment's intent (RepaymentRecorded v2). */
  intent?: 'installments' | 'principal';
}

export interface LoanState {
  version: number;
  status: 'approved' | 'active' | 'written_off' | 'cancelled';
  applicationId: string;
  customerId: string;
  branchId: string | null;
  approvedBy: string;
  contract: unknown;
  disbursedOn: string | null;
  txs: LoanTx[];
  proposal: { by: string | null } | null;
  writtenOffOn: string | null;
}

export interface ApplicationState {
  version: number;
  status: 'review' | 'approved' | 'declined' | 'returned';
  createdBy: string | null;
  customerId: string;
  branchId: string | null;
  amountFen: number;
  loanId: string | null;
}

export interface UserState {
  version: number;
  username: string;
  role: string;
  branchId: string | null;
  approvalLimitFen: number;
  disabled: boolean;
}

export interface RecordState {
  version: number;
}

export interface SettingsState {
  version: number;
  value: Record<string, unknown>;
}

/** A manual journal entry: who proposed it and where it stands (maker-checker). */
export interface ManualEntryState {
  version: number;
  status: 'proposed' | 'approved' | 'rejected';
  kind: 'manual' | 'opening' | 'reversal';
  proposedBy: string | null;
  reversedBy: string | null;
}

export type AggregateState = LoanState | ApplicationState | UserState | SettingsState | ManualEntryState | RecordState;

/** The state after `e`, given the state before it (null: the aggregate is new). */
export function evolve(state: AggregateState | null, e: AnyEvent): AggregateState {
  const version = e.kind === 'transition' ? e.version : (state?.version ?? 0);
  switch (e.type) {
    case 'UserCreated':
      return {
        version,
        username: e.payload.username,
        role: e.payload.role,
        branchId: e.payload.branchId,
        approvalLimitFen: e.payload.approvalLimitFen,
        disabled: false,
      } satisfies UserState;
    case 'UserChanged': {
      const u = state as UserState;
      const p = e.payload;
      return {
        ...u,
        version,
        role: p.role ?? u.role,
        branchId: p.branchId !== undefined ? p.branchId : u.branchId,
        approvalLimitFen: p.approvalLimitFen ?? u.approvalLimitFen,
        disabled: p.disabled ?? u.disabled,
      };
    }
    case 'ApplicationSubmitted':
      return {
        version,
        status:
          e.payload.route === 'autoApproved' ? 'approved' : e.payload.route === 'autoDeclined' ? 'declined' : 'review',
        createdBy: e.actorId,
        customerId: e.payload.customerId,
        branchId: e.branchId,
        amountFen: e.payload.amountFen,
        loanId: e.payload.loanId,
      } satisfies ApplicationState;
    case 'ApplicationApproved':
      return {
        ...(state as ApplicationState),
        version,
        status: 'approved',
        amountFen: e.payload.amountFen,
        loanId: e.payload.loanId,
      };
    case 'ApplicationDeclined':
      return { ...(state as ApplicationState), version, status: 'declined' };
    case 'ApplicationReturned':
      return { ...(state as ApplicationState), version, status: 'returned' };
    case 'LoanApproved':
      return {
        version,
        status: 'approved',
        applicationId: e.payload.applicationId,
        customerId: e.payload.customerId,
        branchId: e.payload.branchId,
        approvedBy: e.payload.approvedBy,
        contract: e.payload.contract,
        disbursedOn: null,
        txs: [],
        proposal: null,
        writtenOffOn: null,
      } satisfies LoanState;
    case 'LoanCancelled':
      return { ...(state as LoanState), version, status: 'cancelled' };
    case 'LoanDisbursed':
      return {
        ...(state as LoanState),
        version,
        status: 'active',
        disbursedOn: e.payload.date,
        contract: e.payload.contract,
      };
    case 'RepaymentRecorded': {
      const l = state as LoanState;
      const tx: LoanTx = {
        id: e.payload.transactionId,
        type: 'repayment',
        amountFen: e.payload.amountFen,
        valueDate: e.payload.valueDate,
        intent: e.payload.intent,
      };
      return { ...l, version, txs: [...l.txs, tx], proposal: null };
    }
    case 'RepaymentReversed': {
      const l = state as LoanState;
      const original = l.txs.find((t) => t.id === e.payload.reversesId);
      const tx: LoanTx = {
        id: e.payload.transactionId,
        type: 'reversal',
        amountFen: -(original?.amountFen ?? 0),
        valueDate: original?.valueDate ?? '',
        reversesId: e.payload.reversesId,
      };
      return { ...l, version, txs: [...l.txs, tx] };
    }
    case 'RecoveryRecorded': {
      const l = state as LoanState;
      const tx: LoanTx = {
        id: e.payload.transactionId,
        type: 'recovery',
        amountFen: e.payload.amountFen,
        valueDate: e.payload.valueDate,
      };
      return { ...l, version, txs: [...l.txs, tx] };
    }
    case 'WriteOffProposed':
      return { ...(state as LoanState), version, proposal: { by: e.actorId } };
    case 'LoanWrittenOff':
      return { ...(state as LoanState), version, status: 'written_off', writtenOffOn: e.payload.date, proposal: null };
    case 'SettingsChanged':
      return { version, value: e.payload.value } satisfies SettingsState;
    case 'ManualEntryProposed':
      return {
        version,
        status: 'proposed',
        kind: e.payload.kind,
        proposedBy: e.actorId,
        reversedBy: null,
      } satisfies ManualEntryState;
    case 'ManualEntryApproved':
      return { ...(state as ManualEntryState), version, status: 'approved' };
    case 'ManualEntryRejected':
      return { ...(state as ManualEntryState), version, status: 'rejected' };
    default:
      return { ...(state ?? {}), version } as RecordState;
  }
}

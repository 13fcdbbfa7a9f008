import { parseEvent, type AnyEvent } from '../events';
import { buildSchedule } from '../../core/schedule/index';
import { payoffQuote } from '../../core/servicing/position';
import { isDomainError } from '../../core/errors';
import { evolve, type AggregateState, type LoanState, type UserState } from './state';
import { validateEvent, type ValidationContext } from './validate';

// 10 000.00 at 12 % over 12 months from 2024-01-15 with a 2 % upfront fee.
const terms = {
  principalFen: 1_000_000,
  rateAnnual: '0.12',
  periods: 12,
  method: 'annuity' as const,
  startDate: '2024-01-15',
  upfrontFeeFen: 20_000,
};
const contract = { terms, schedule: buildSchedule(terms), repaymentIntent: 'installments' as const };
const LOAN = '00000000-0000-4000-8000-0000000000a1';
const loan: LoanState = {
  version: 2,
  status: 'active',
  applicationId: 'app',
  customerId: 'c',
  branchId: 'b',
  approvedBy: 'u0',
  contract,
  disbursedOn: '2024-01-15',
  txs: [],
  proposal: null,
  writtenOffOn: null,
};
const users: Record<string, UserState> = {
  officer: {
    version: 1,
    username: 'officer',
    role: 'loan_officer',
    branchId: 'b',
    approvalLimitFen: 0,
    disabled: false,
  },
  manager: { version: 1, username: 'manager', role: 'manager', branchId: 'b', approvalLimitFen: 0, disabled: false },
};
const ctx: ValidationContext = {
  state: (aggregate, id) => (aggregate === 'loan' && id === LOAN ? loan : ((users[id] as AggregateState) ?? null)),
  lastClosed: () => null,
  writeOffMinDpd: 180,
  identityTaken: () => false,
  branches: 'all',
};

function repayment(actorId: string, amountFen: number, extra: Record<string, unknown> = {}): AnyEvent {
  return parseEvent({
    id: '0194e3a1-7c00-7000-8000-00000000a001',
    aggregate: 'loan',
    aggregateId: LOAN,
    version: 2,
    kind: 'fact',
    type: 'RepaymentRecorded',
    schemaVersion: 2,
    payload: {
      transactionId: '0194e3a1-7c00-7000-8000-00000000b001',
      amountFen,
      valueDate: '2024-01-25',
      channel: 'bank',
      note: null,
      intent: 'installments',
      ...extra,
    },
    actorId,
    deviceId: 'd',
    branchId: 'b',
    businessDate: '2024-01-25',
    requestId: null,
    occurredAt: '2024-01-25T02:00:00.000Z',
  });
}

function refusal(e: AnyEvent): string | null {
  try {
    validateEvent(e, ctx);
    return null;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return error.code;
  }
}

describe('the sync rules on a repayment (issue 11 items 8, 9)', () => {
  // Paid off 10 days after a 2 % fee: 85.71 % a year, above the 24 % cap.
  const payoff = payoffQuote(contract, [], '2024-01-25').totalFen;

  it('refuse a payoff above the cap without an override, or with one from a role that may not give it', () => {
    expect(refusal(repayment('manager', payoff))).toBe('PAYOFF_OVER_CAP');
    expect(refusal(repayment('officer', payoff, { capOverride: { reason: '客户要求' } }))).toBe('PERMISSION_DENIED');
    expect(refusal(repayment('manager', payoff, { capOverride: { reason: '客户要求' } }))).toBeNull();
    expect(refusal(repayment('officer', 100_000))).toBeNull();
  });

  it('keep the intent with the loan’s transactions', () => {
    const after = evolve(loan, repayment('officer', 100_000, { intent: 'principal' })) as LoanState;
    expect(after.txs).toEqual([
      {
        id: '0194e3a1-7c00-7000-8000-00000000b001',
        type: 'repayment',
        amountFen: 100_000,
        valueDate: '2024-01-25',
        intent: 'principal',
      },
    ]);
  });
});

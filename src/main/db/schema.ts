/** Local (SQLCipher) schema: the projection tables the UI reads and the
 *  append-only logs. Migrations are generated from this file into drizzle/local
 *  by `npm run db:generate` and are never edited after they are committed. */
import {
  sqliteTable,
  text,
  integer,
  real,
  blob,
  index,
  primaryKey,
  uniqueIndex,
  type SQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** Key/value settings (JSON values); see src/main/features/settings. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  valueJson: text('value_json').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const organisation = sqliteTable('organisation', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull(),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
});

export const branches = sqliteTable('branches', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** The first business date of the branch (before its first end of day). */
  openedOn: text('opened_on'),
  createdAt: text('created_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    branchId: text('branch_id').references(() => branches.id),
    approvalLimitFen: integer('approval_limit_fen').notNull().default(0),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    totpSecret: text('totp_secret'),
    totpEnabled: integer('totp_enabled', { mode: 'boolean' }).notNull().default(false),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    locale: text('locale'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_username_unique').on(t.username)],
);

/** Hash-chained audit trail: each row carries the SHA-256 of the previous row. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    at: text('at').notNull(),
    userId: text('user_id'),
    username: text('username'),
    deviceId: text('device_id').notNull(),
    action: text('action').notNull(),
    summaryJson: text('summary_json').notNull(),
    outcome: text('outcome').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_action').on(t.action)],
);

/** The local event log, the single source of truth: every state change, in the
 *  order this device learnt it (`seq`). A transition carries the aggregate version
 *  it produced; a fact carries the version it was decided on and does not bump it.
 *  `status` is pending until the sync server confirms it (then `globalSeq` is its
 *  place in the company's order) or refuses it (`rejectionJson`). */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    aggregate: text('aggregate').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    version: integer('version').notNull(),
    kind: text('kind').notNull().default('transition'),
    type: text('type').notNull(),
    schemaVersion: integer('schema_version').notNull().default(1),
    payloadJson: text('payload_json').notNull(),
    actorId: text('actor_id'),
    deviceId: text('device_id').notNull(),
    branchId: text('branch_id'),
    businessDate: text('business_date'),
    requestId: text('request_id'),
    occurredAt: text('occurred_at').notNull(),
    status: text('status').notNull().default('pending'),
    globalSeq: integer('global_seq'),
    rejectionJson: text('rejection_json'),
  },
  (t) => [
    index('events_aggregate').on(t.aggregate, t.aggregateId, t.seq),
    index('events_status').on(t.status),
    index('events_global_seq').on(t.globalSeq),
  ],
);

/** Idempotency: the first answer to each client-chosen request id. */
export const requests = sqliteTable('requests', {
  requestId: text('request_id').primaryKey(),
  method: text('method').notNull(),
  inputHash: text('input_hash').notNull(),
  userId: text('user_id'),
  resultJson: text('result_json').notNull(),
  at: text('at').notNull(),
});

/** Content-addressed file contents (SHA-256), referenced by events; shipped apart. */
export const blobs = sqliteTable('blobs', {
  sha256: text('sha256').primaryKey(),
  sizeBytes: integer('size_bytes').notNull(),
  content: blob('content', { mode: 'buffer' }).notNull(),
  createdAt: text('created_at').notNull(),
});

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    residentId: text('resident_id'),
    phone: text('phone'),
    bankCard: text('bank_card'),
    birthDate: text('birth_date'),
    sex: text('sex'),
    address: text('address'),
    employer: text('employer'),
    monthlyIncomeFen: integer('monthly_income_fen'),
    monthlyDebtFen: integer('monthly_debt_fen'),
    employmentYears: integer('employment_years'),
    creditCode: text('credit_code'),
    legalRepId: text('legal_rep_id'),
    registeredCapitalFen: integer('registered_capital_fen'),
    industry: text('industry'),
    consentAt: text('consent_at').notNull(),
    watchlistJson: text('watchlist_json'),
    /** A farm household (农户): its small loans may be VAT-exempt (公告2023年第54号). */
    farmHousehold: integer('farm_household', { mode: 'boolean' }).notNull().default(false),
    branchId: text('branch_id'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    uniqueIndex('customers_resident_id').on(t.residentId),
    uniqueIndex('customers_credit_code').on(t.creditCode),
    index('customers_name').on(t.name),
  ],
);

export const watchlist = sqliteTable('watchlist', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  residentId: text('resident_id'),
  reason: text('reason').notNull(),
  source: text('source').notNull(),
  createdBy: text('created_by'),
  createdAt: text('created_at'),
});

export const products = sqliteTable('products', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** The English name; the screens fall back to `name`. */
  nameEn: text('name_en'),
  configJson: text('config_json').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  version: integer('version').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const applications = sqliteTable(
  'applications',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    customerId: text('customer_id').notNull(),
    productId: text('product_id').notNull(),
    amountFen: integer('amount_fen').notNull(),
    periods: integer('periods').notNull(),
    rateAnnual: text('rate_annual').notNull(),
    purpose: text('purpose').notNull(),
    status: text('status').notNull(),
    score: integer('score'),
    grade: text('grade'),
    assessmentJson: text('assessment_json').notNull(),
    branchId: text('branch_id'),
    createdBy: text('created_by').notNull(),
    submittedAt: text('submitted_at').notNull(),
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by'),
    decisionNote: text('decision_note'),
    loanId: text('loan_id'),
    version: integer('version').notNull(),
  },
  (t) => [
    // The review queue: one status, by submission (its default order), id the tiebreak.
    index('applications_queue').on(t.status, t.submittedAt, t.id),
    index('applications_customer').on(t.customerId),
    index('applications_submitted').on(t.submittedAt),
  ],
);

/** The loan ledger's filter columns (see loans' indexes). Not the days past due,
 *  which move every day for every overdue loan: "overdue" is a bucket past M0. */
const ledgerFilters = (t: {
  status: SQLiteColumn;
  bucket: SQLiteColumn;
  classification: SQLiteColumn;
  branchId: SQLiteColumn;
  productId: SQLiteColumn;
  officerId: SQLiteColumn;
}) => [t.status, t.bucket, t.classification, t.branchId, t.productId, t.officerId];

export const loans = sqliteTable(
  'loans',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    applicationId: text('application_id').notNull(),
    customerId: text('customer_id').notNull(),
    productId: text('product_id').notNull(),
    branchId: text('branch_id'),
    officerId: text('officer_id'),
    principalFen: integer('principal_fen').notNull(),
    rateAnnual: text('rate_annual').notNull(),
    annualizedRate: text('annualized_rate').notNull(),
    periods: integer('periods').notNull(),
    method: text('method').notNull(),
    status: text('status').notNull(),
    approvedBy: text('approved_by'),
    approvedAt: text('approved_at'),
    disbursedOn: text('disbursed_on'),
    disbursedBy: text('disbursed_by'),
    disbursementChannel: text('disbursement_channel'),
    maturityDate: text('maturity_date'),
    outstandingPrincipalFen: integer('outstanding_principal_fen').notNull().default(0),
    overduePrincipalFen: integer('overdue_principal_fen').notNull().default(0),
    accruedInterestFen: integer('accrued_interest_fen').notNull().default(0),
    penaltyFen: integer('penalty_fen').notNull().default(0),
    /** The first day the red line stopped the penalty (null: not reached). */
    penaltyBoundOn: text('penalty_bound_on'),
    /** Penalty the formula would have charged beyond the red line. */
    penaltyForgoneFen: integer('penalty_forgone_fen').notNull().default(0),
    overpaymentFen: integer('overpayment_fen').notNull().default(0),
    dpd: integer('dpd').notNull().default(0),
    bucket: text('bucket').notNull().default('M0'),
    classification: text('classification').notNull().default('normal'),
    classificationOverrideJson: text('classification_override_json'),
    provisionFen: integer('provision_fen').notNull().default(0),
    writtenOffOn: text('written_off_on'),
    closedOn: text('closed_on'),
    positionAsOf: text('position_as_of'),
    /** The last business date the loan's journal block was posted on. */
    postedThrough: text('posted_through'),
    /** What the branch's daily accrual entries hold for the loan, by category and
     *  account (JSON {category: {account: net fen}}): the accruals and their VAT post
     *  per branch and day, not per loan (projectors/journal.ts). */
    accrualPostedJson: text('accrual_posted_json').notNull().default('{}'),
    /** The loan's cumulative income and VAT figures as of posted_through (a loan_tax
     *  row's seven figures, JSON array); loan_tax keeps them at month ends. */
    taxFiguresJson: text('tax_figures_json'),
    /** Digests of what the loan's installment rows and its loan_posted rows hold, so a
     *  refresh that would write the same skips reading them (projectors/loans.ts). */
    installmentsHash: text('installments_hash'),
    postedHash: text('posted_hash'),
    /** The constants of the quiet stretch the loan stands in (projectors/quiet.ts;
     *  null: its next day needs the full refresh). */
    quietJson: text('quiet_json'),
    /** The open write-off proposal: who proposed it, and why. */
    writeOffProposalJson: text('write_off_proposal_json'),
    /** The first day of the current non-accrual spell (null: accruing). */
    nonAccrualSince: text('non_accrual_since'),
    /** Interest and penalty earned and not in income (非应计 or written off): 表外. */
    offBalanceInterestFen: integer('off_balance_interest_fen').notNull().default(0),
    /** Interest paid for days not yet run (预收利息). */
    interestAdvanceFen: integer('interest_advance_fen').notNull().default(0),
    /** Principal written off and not recovered (表外). */
    writtenOffPrincipalFen: integer('written_off_principal_fen').notNull().default(0),
    /** A cancellation before disbursement: who, when, why. */
    cancellationJson: text('cancellation_json'),
    version: integer('version').notNull(),
  },
  (t) => [
    index('loans_status').on(t.status),
    // The loan ledger reads a page in the order of one of these, each holding the
    // ledger's filter columns too, so the filters are tested in the index and only
    // the page's rows are read from the table.
    index('loans_customer').on(t.customerId, ...ledgerFilters(t)),
    index('loans_dpd').on(t.dpd, ...ledgerFilters(t)),
    // The end of day walks a branch's active loans in rowid order (the index's own
    // after its columns), a batch at a time.
    index('loans_status_branch').on(t.status, t.branchId),
    index('loans_ledger_number').on(t.number, ...ledgerFilters(t)),
    index('loans_disbursed_on').on(t.disbursedOn, ...ledgerFilters(t)),
    index('loans_principal').on(t.principalFen, ...ledgerFilters(t)),
    // What the ledger shows outstanding: nothing of a written-off loan (its principal
    // stands off the balance sheet).
    index('loans_outstanding').on(
      sql`(CASE WHEN ${t.status} = 'written_off' THEN 0 ELSE ${t.outstandingPrincipalFen} END)`,
      ...ledgerFilters(t),
    ),
  ],
);

/** The figures of a group of loans that the ledgers total, added up per group. */
const loanBookSums = () => ({
  loans: integer('loans').notNull(),
  principalFen: integer('principal_fen').notNull(),
  outstandingPrincipalFen: integer('outstanding_principal_fen').notNull(),
  overduePrincipalFen: integer('overdue_principal_fen').notNull(),
  accruedInterestFen: integer('accrued_interest_fen').notNull(),
  penaltyFen: integer('penalty_fen').notNull(),
  offBalanceInterestFen: integer('off_balance_interest_fen').notNull(),
  provisionFen: integer('provision_fen').notNull(),
  overpaymentFen: integer('overpayment_fen').notNull(),
  interestAdvanceFen: integer('interest_advance_fen').notNull(),
  writtenOffPrincipalFen: integer('written_off_principal_fen').notNull(),
});

/** The loan book totalled by every filter of the loan ledger: kept by triggers on
 *  loans (migration 0015), so every write of a loan row, by any path, moves its
 *  group's sums in the same statement, and the ledger's totals row and the trial
 *  balance's reconciliation never scan the loans. '' stands for "none". */
export const loanBookTotals = sqliteTable(
  'loan_book_totals',
  {
    branchId: text('branch_id').notNull(),
    productId: text('product_id').notNull(),
    officerId: text('officer_id').notNull(),
    status: text('status').notNull(),
    bucket: text('bucket').notNull(),
    classification: text('classification').notNull(),
    /** 1: the loan stopped accruing (non_accrual_since set). */
    nonAccrual: integer('non_accrual').notNull(),
    /** 1: days past due over 0. */
    overdue: integer('overdue').notNull(),
    ...loanBookSums(),
  },
  (t) => [
    primaryKey({
      columns: [t.branchId, t.productId, t.officerId, t.status, t.bucket, t.classification, t.nonAccrual, t.overdue],
    }),
  ],
);

/** The loan book totalled by disbursement date and status (the trial balance's
 *  reconciliation on a date), kept by the same triggers. */
export const loanBookByDisbursement = sqliteTable(
  'loan_book_by_disbursement',
  {
    disbursedOn: text('disbursed_on').notNull(),
    status: text('status').notNull(),
    ...loanBookSums(),
  },
  (t) => [primaryKey({ columns: [t.disbursedOn, t.status] })],
);

/** A loan's contract (terms, schedule, servicing rules) as approved, then as
 *  disbursed: kept apart from the loan's row so that a scan of the loan book reads
 *  its figures, not every loan's schedule. */
export const loanContracts = sqliteTable('loan_contracts', {
  loanId: text('loan_id').primaryKey(),
  contractJson: text('contract_json').notNull(),
});

export const installments = sqliteTable(
  'installments',
  {
    loanId: text('loan_id').notNull(),
    n: integer('n').notNull(),
    dueDate: text('due_date').notNull(),
    principalFen: integer('principal_fen').notNull(),
    interestFen: integer('interest_fen').notNull(),
    paymentFen: integer('payment_fen').notNull(),
    paidPrincipalFen: integer('paid_principal_fen').notNull().default(0),
    paidInterestFen: integer('paid_interest_fen').notNull().default(0),
    status: text('status').notNull(),
  },
  (t) => [uniqueIndex('installments_loan_n').on(t.loanId, t.n), index('installments_due').on(t.dueDate)],
);

/** Money movements of a loan: disbursement, repayments, reversals, write-off, recovery. */
export const loanTransactions = sqliteTable(
  'loan_transactions',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull(),
    kind: text('kind').notNull(),
    valueDate: text('value_date').notNull(),
    bookedOn: text('booked_on').notNull(),
    amountFen: integer('amount_fen').notNull(),
    channel: text('channel'),
    allocationJson: text('allocation_json'),
    /** A repayment's intent: 'installments' (pay them, ahead when early) or
     *  'principal' (prepay principal); null for other kinds. */
    intent: text('intent'),
    reversesId: text('reverses_id'),
    reversedById: text('reversed_by_id'),
    /** A disbursement's receiving bank account (sensitive: masked wherever it is
     *  listed) and the bank transfer's reference, to match the bank statement. */
    counterpartyAccount: text('counterparty_account'),
    transferRef: text('transfer_ref'),
    note: text('note'),
    actorId: text('actor_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('loan_tx_loan').on(t.loanId),
    index('loan_tx_value_date').on(t.valueDate),
    index('loan_tx_booked').on(t.bookedOn),
    // A bank-statement import looks each line's reference up (its idempotency).
    index('loan_tx_transfer_ref').on(t.transferRef),
  ],
);

/** The general ledger, a projection of the event log. An entry's identity is its
 *  content: (loan or scope, category, posting date); its lines are netted per
 *  account. See docs/architecture.md, "The journal rule". */
export const journalEntries = sqliteTable(
  'journal_entries',
  {
    id: text('id').primaryKey(),
    postingDate: text('posting_date').notNull(),
    valueDate: text('value_date').notNull(),
    loanId: text('loan_id'),
    branchId: text('branch_id'),
    /** e.g. disbursement, interestAccrual, repayment:<transaction id> */
    category: text('category').notNull(),
    /** The category without its reference: what the renderer translates. */
    kind: text('kind').notNull(),
    ref: text('ref'),
    /** The category had postings before this date (a correction or an accrual step). */
    adjustment: integer('adjustment', { mode: 'boolean' }).notNull(),
  },
  (t) => [index('journal_entries_date').on(t.postingDate), index('journal_entries_loan').on(t.loanId, t.postingDate)],
);

export const journalLines = sqliteTable(
  'journal_lines',
  {
    entryId: text('entry_id').notNull(),
    accountCode: text('account_code').notNull(),
    debitFen: integer('debit_fen').notNull(),
    creditFen: integer('credit_fen').notNull(),
    postingDate: text('posting_date').notNull(),
    loanId: text('loan_id'),
    branchId: text('branch_id'),
    category: text('category').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.accountCode] }),
    index('journal_lines_account_date').on(t.accountCode, t.postingDate),
    index('journal_lines_loan_date').on(t.loanId, t.postingDate),
    // The journal's pages: newest posting date first, then entry and account.
    index('journal_lines_date_entry').on(sql`${t.postingDate} DESC`, t.entryId, t.accountCode),
  ],
);

/** What each loan's journal holds, per category and account: the postings the loan
 *  should hold as of its posted-through date (so a block is computed without
 *  summing the loan's history). */
export const loanPosted = sqliteTable(
  'loan_posted',
  {
    loanId: text('loan_id').notNull(),
    category: text('category').notNull(),
    accountCode: text('account_code').notNull(),
    netFen: integer('net_fen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.category, t.accountCode] })],
);

/** A loan's income and VAT figures as of each day its journal block was posted on,
 *  cumulative since disbursement (the VAT report takes differences): the amounts VAT
 *  is due on (gross), the VAT, exempt income, deferred (over-90-day) interest not yet
 *  received and interest kept off the balance sheet. */
export const loanTax = sqliteTable(
  'loan_tax',
  {
    loanId: text('loan_id').notNull(),
    postingDate: text('posting_date').notNull(),
    branchId: text('branch_id'),
    interestBaseFen: integer('interest_base_fen').notNull(),
    penaltyBaseFen: integer('penalty_base_fen').notNull(),
    feesBaseFen: integer('fees_base_fen').notNull(),
    vatFen: integer('vat_fen').notNull(),
    exemptFen: integer('exempt_fen').notNull(),
    deferredFen: integer('deferred_fen').notNull(),
    offBalanceFen: integer('off_balance_fen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.loanId, t.postingDate] }), index('loan_tax_date').on(t.postingDate)],
);

/** The chart of accounts as changed by administrators (AccountDefined,
 *  AccountChanged): the defaults are core's; a row overrides or adds one. */
export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  code: text('code').notNull(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  type: text('type').notNull(),
  parentId: text('parent_id'),
  system: integer('system', { mode: 'boolean' }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  version: integer('version').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Manual journal entries (手工凭证): proposed, then approved (posted) or rejected;
 *  a posted one is corrected only by its reversal. */
export const manualEntries = sqliteTable(
  'manual_entries',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    valueDate: text('value_date').notNull(),
    postingDate: text('posting_date'),
    memo: text('memo').notNull(),
    linesJson: text('lines_json').notNull(),
    debitFen: integer('debit_fen').notNull(),
    reversesId: text('reverses_id'),
    reversedById: text('reversed_by_id'),
    branchId: text('branch_id'),
    proposedBy: text('proposed_by'),
    proposedAt: text('proposed_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    version: integer('version').notNull(),
  },
  (t) => [index('manual_entries_status').on(t.status), index('manual_entries_posting').on(t.postingDate)],
);

/** Closed business days per branch (the DayClosed events). */
export const daysClosed = sqliteTable(
  'days_closed',
  {
    branchId: text('branch_id').notNull(),
    businessDate: text('business_date').notNull(),
    closedBy: text('closed_by'),
    closedAt: text('closed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.businessDate] })],
);

/** Accounting periods closed: nothing posts on or before `through`. */
export const periodCloses = sqliteTable('period_closes', {
  through: text('through').primaryKey(),
  closedBy: text('closed_by'),
  closedAt: text('closed_at').notNull(),
});

/** End-of-day runs by business date; `cursor` is the last loan id done, for resume. */
export const eodRuns = sqliteTable('eod_runs', {
  businessDate: text('business_date').primaryKey(),
  status: text('status').notNull(),
  cursor: text('cursor'),
  loansDone: integer('loans_done').notNull().default(0),
  loansTotal: integer('loans_total').notNull().default(0),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  actorId: text('actor_id'),
});

/** Failed sign-ins and lockouts per user on this device (local state, like the
 *  sessions: not events, not synced). */
export const loginState = sqliteTable('login_state', {
  userId: text('user_id').primaryKey(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: text('locked_until'),
});

/** This device's own working state (a seed's progress, window placement ...): not
 *  a projection, never synced. */
export const localState = sqliteTable('local_state', {
  key: text('key').primaryKey(),
  valueJson: text('value_json').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Cash-monitoring flags (large-value cash, structuring) for the compliance report. */
export const complianceFlags = sqliteTable(
  'compliance_flags',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    customerId: text('customer_id').notNull(),
    loanId: text('loan_id'),
    transactionId: text('transaction_id').notNull(),
    businessDate: text('business_date').notNull(),
    amountFen: integer('amount_fen').notNull(),
    detailsJson: text('details_json').notNull(),
    createdAt: text('created_at').notNull(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: text('reviewed_at'),
    reviewNote: text('review_note'),
    /** What the reviewer decided: reported (to the regulator) or dismissed (explained). */
    decision: text('decision'),
  },
  (t) => [index('compliance_flags_date').on(t.businessDate), index('compliance_flags_customer').on(t.customerId)],
);

/** Documents attached to a loan (signed contract scans, income proof …), kept in
 *  the encrypted database; never changed, each download audited. */
export const loanDocuments = sqliteTable(
  'loan_documents',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** The file's content is the blob with this hash. */
    sha256: text('sha256').notNull(),
    note: text('note'),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: text('uploaded_at').notNull(),
  },
  (t) => [index('loan_documents_loan').on(t.loanId)],
);

// ---------------------------------------------------------------------------
// Monitoring summaries: projections maintained by features/monitoring/summaries.ts
// (journal appends and the end of day), so dashboards never scan the journal.
// Dimension columns hold '' for "none" so they can be part of a primary key.

/** Movements of each account per posting date and branch (sum of journal lines). */
export const summaryAccountDaily = sqliteTable(
  'summary_account_daily',
  {
    postingDate: text('posting_date').notNull(),
    accountCode: text('account_code').notNull(),
    branchId: text('branch_id').notNull(),
    debitFen: integer('debit_fen').notNull(),
    creditFen: integer('credit_fen').notNull(),
    lines: integer('lines').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postingDate, t.accountCode, t.branchId] })],
);

/** The loan book as of a date by branch, product, method, officer, class and bucket.
 *  source: 'eod' (taken at end of day) or 'history' (replayed for dates before
 *  the summaries existed). */
export const summaryPortfolioDaily = sqliteTable(
  'summary_portfolio_daily',
  {
    asOf: text('as_of').notNull(),
    branchId: text('branch_id').notNull(),
    productId: text('product_id').notNull(),
    method: text('method').notNull(),
    officerId: text('officer_id').notNull(),
    classification: text('classification').notNull(),
    bucket: text('bucket').notNull(),
    source: text('source').notNull(),
    loans: integer('loans').notNull(),
    outstandingPrincipalFen: integer('outstanding_principal_fen').notNull(),
    overduePrincipalFen: integer('overdue_principal_fen').notNull(),
    receivableFen: integer('receivable_fen').notNull(),
    provisionFen: integer('provision_fen').notNull(),
    /** Sum of outstanding principal x annualized rate (for the weighted average rate). */
    rateWeighted: real('rate_weighted').notNull(),
  },
  (t) => [
    primaryKey({
      columns: [t.asOf, t.branchId, t.productId, t.method, t.officerId, t.classification, t.bucket],
    }),
  ],
);

/** Money movements booked per day (disbursement, repayment, reversal, recovery,
 *  writeOff) by branch, product, officer and channel: the ledgers' totals. */
export const summaryFlowsDaily = sqliteTable(
  'summary_flows_daily',
  {
    bookedOn: text('booked_on').notNull(),
    kind: text('kind').notNull(),
    branchId: text('branch_id').notNull(),
    productId: text('product_id').notNull(),
    officerId: text('officer_id').notNull(),
    channel: text('channel').notNull(),
    count: integer('count').notNull(),
    amountFen: integer('amount_fen').notNull(),
    rateWeighted: real('rate_weighted').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookedOn, t.kind, t.branchId, t.productId, t.officerId, t.channel] })],
);

/** Each loan's state at the last snapshot of each month, for roll rates and vintages
 *  (as_of: the day the row last changed; the month's snapshot day is in summary_meta). */
export const summaryLoanMonth = sqliteTable(
  'summary_loan_month',
  {
    month: text('month').notNull(),
    loanId: text('loan_id').notNull(),
    asOf: text('as_of').notNull(),
    status: text('status').notNull(),
    bucket: text('bucket').notNull(),
    outstandingPrincipalFen: integer('outstanding_principal_fen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.loanId] })],
);

/** Bookkeeping of the summaries themselves (what was built, through which date). */
export const summaryMeta = sqliteTable('summary_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Backups made by this profile (scheduled or on demand), for the health page. */
export const backupRuns = sqliteTable(
  'backup_runs',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    kind: text('kind').notNull(),
    file: text('file').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    durationMs: integer('duration_ms').notNull(),
    outcome: text('outcome').notNull(),
    error: text('error'),
    actorId: text('actor_id'),
  },
  (t) => [index('backup_runs_at').on(t.at)],
);

/** Customer-service tickets (工单), a projection of the ticket events. The clock
 *  columns are the SLA clocks as of the ticket's last event (core `slaClocks` over
 *  `timeline_json`, the policy fixed at opening and the business calendar); a
 *  running clock's `*_due_at` is when it runs out. */
export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    channel: text('channel').notNull(),
    category: text('category').notNull(),
    priority: text('priority').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    status: text('status').notNull(),
    customerId: text('customer_id'),
    loanId: text('loan_id'),
    branchId: text('branch_id'),
    team: text('team'),
    assigneeId: text('assignee_id'),
    createdBy: text('created_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    policyJson: text('policy_json').notNull(),
    /** The status changes in the order recorded: [{ at, status }]. */
    timelineJson: text('timeline_json').notNull(),
    firstResponseAt: text('first_response_at'),
    frState: text('fr_state').notNull(),
    frElapsedMs: integer('fr_elapsed_ms').notNull(),
    frDueAt: text('fr_due_at'),
    frBreachedAt: text('fr_breached_at'),
    frEscalatedAt: text('fr_escalated_at'),
    resState: text('res_state').notNull(),
    resElapsedMs: integer('res_elapsed_ms').notNull(),
    resDueAt: text('res_due_at'),
    resBreachedAt: text('res_breached_at'),
    resEscalatedAt: text('res_escalated_at'),
    escalatedTo: text('escalated_to'),
    resolvedAt: text('resolved_at'),
    resolutionNote: text('resolution_note'),
    rootCause: text('root_cause'),
    closedAt: text('closed_at'),
    autoClosed: integer('auto_closed', { mode: 'boolean' }).notNull().default(false),
    reopenCount: integer('reopen_count').notNull().default(0),
    lastMessageAt: text('last_message_at'),
    version: integer('version').notNull(),
  },
  (t) => [
    index('tickets_status').on(t.status),
    index('tickets_branch').on(t.branchId, t.status),
    index('tickets_assignee').on(t.assigneeId, t.status),
    index('tickets_customer').on(t.customerId),
    index('tickets_created').on(t.createdAt),
  ],
);

/** The conversation: replies to the customer, internal notes, the customer's own messages. */
export const ticketMessages = sqliteTable(
  'ticket_messages',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    kind: text('kind').notNull(),
    body: text('body').notNull(),
    cannedCode: text('canned_code'),
    authorId: text('author_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('ticket_messages_ticket').on(t.ticketId, t.createdAt)],
);

/** Colleagues @mentioned in a message: the ticket shows in their queue. */
export const ticketMentions = sqliteTable(
  'ticket_mentions',
  {
    messageId: text('message_id').notNull(),
    userId: text('user_id').notNull(),
    ticketId: text('ticket_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] }), index('ticket_mentions_user').on(t.userId)],
);

/** Files attached to a ticket; the bytes are blobs (SHA-256). */
export const ticketAttachments = sqliteTable(
  'ticket_attachments',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedAt: text('uploaded_at').notNull(),
  },
  (t) => [index('ticket_attachments_ticket').on(t.ticketId)],
);

/** Satisfaction scores (1-5) after resolution; a ticket's score is its latest. */
export const ticketFeedback = sqliteTable(
  'ticket_feedback',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    source: text('source').notNull(),
    recordedBy: text('recorded_by'),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('ticket_feedback_ticket').on(t.ticketId, t.recordedAt)],
);

/** Actions started from a ticket that land in the loan officer's queue (a hardship
 *  review, a repayment-date question, a dispute of a posted amount). */
export const ticketActions = sqliteTable(
  'ticket_actions',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    kind: text('kind').notNull(),
    loanId: text('loan_id').notNull(),
    customerId: text('customer_id'),
    branchId: text('branch_id'),
    officerId: text('officer_id'),
    note: text('note').notNull(),
    status: text('status').notNull(),
    requestedBy: text('requested_by'),
    requestedAt: text('requested_at').notNull(),
    outcome: text('outcome'),
    completedBy: text('completed_by'),
    completedAt: text('completed_at'),
    version: integer('version').notNull(),
  },
  (t) => [index('ticket_actions_branch').on(t.branchId, t.status), index('ticket_actions_ticket').on(t.ticketId)],
);

/** The collections contact log of a loan: calls, SMS sent outside the app, visits. */
export const collectionContacts = sqliteTable(
  'collection_contacts',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull(),
    kind: text('kind').notNull(),
    outcome: text('outcome').notNull(),
    note: text('note'),
    businessDate: text('business_date').notNull(),
    contactedBy: text('contacted_by'),
    contactedAt: text('contacted_at').notNull(),
  },
  (t) => [index('collection_contacts_loan').on(t.loanId, t.contactedAt)],
);

/** Promises to pay; kept or broken is computed from the loan's repayments and the
 *  business date (core `promiseOutcome`), never stored. */
export const collectionPromises = sqliteTable(
  'collection_promises',
  {
    id: text('id').primaryKey(),
    loanId: text('loan_id').notNull(),
    contactId: text('contact_id'),
    amountFen: integer('amount_fen').notNull(),
    promisedDate: text('promised_date').notNull(),
    madeOn: text('made_on').notNull(),
    madeBy: text('made_by'),
    madeAt: text('made_at').notNull(),
  },
  (t) => [index('collection_promises_loan').on(t.loanId, t.madeAt), index('collection_promises_by').on(t.madeBy)],
);

/** Repayment receipts (还款凭证): the number each repayment's receipt carries, and
 *  how many copies were printed or saved (a copy after the first is a reprint). */
export const receipts = sqliteTable(
  'receipts',
  {
    transactionId: text('transaction_id').primaryKey(),
    loanId: text('loan_id').notNull(),
    branchId: text('branch_id'),
    receiptNumber: text('receipt_number').notNull().unique(),
    issuedAt: text('issued_at').notNull(),
    issuedBy: text('issued_by'),
    deviceId: text('device_id').notNull(),
    printCount: integer('print_count').notNull().default(0),
    lastPrintedAt: text('last_printed_at'),
  },
  (t) => [index('receipts_loan').on(t.loanId)],
);

/** The company's keys for the payoff certificates' verification codes; the oldest
 *  signs, every one verifies (two desktops may have made one each while offline). */
export const documentKeys = sqliteTable('document_keys', {
  id: text('id').primaryKey(),
  keyBase64: text('key_base64').notNull(),
  createdAt: text('created_at').notNull(),
});

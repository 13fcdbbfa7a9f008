/** Upgrading a profile made before the event log was the source of truth (the
 *  release at migration 0004). Its log lacks events for users, branches, settings
 *  and more, and its payloads are incomplete, so it cannot rebuild anything. The
 *  upgrade keeps the old events (status `legacy`, for the auditor), writes a
 *  complete log from the rows the old release kept (current state of records,
 *  every money movement with its dates), and rebuilds every table from that log.
 *  The old journal, dated by when a device happened to refresh a loan, is replaced
 *  by the journal the log defines. Runs once, in one transaction. */
import { DomainError } from '../../core/errors';
import { businessDateOf } from '../../core/dates';
import { buildSchedule } from '../../core/schedule/index';
import type { LoanTerms } from '../../core/schedule/types';
import { EVENTS, parseEvent, type EventEnvelope, type EventType, type PayloadOf } from '../../contract/events';
import type { LocalDb } from '../db/connection';
import { readSettings } from '../features/settings/store';
import { derivedUuid, uuidv7 } from './ids';
import { rebuildInPlace, rebuildInPlaceAsync, type RebuildProgress } from './rebuild';
import { insertEvent } from './store';

const FORMAT_KEY = 'eventlog.format';
/** The log's format: 2 since the event log is the source of truth; 3 since
 *  repayments carry their intent (RepaymentRecorded v2); 4 since the loans' journal
 *  holds VAT, non-accrual, interest in advance and the write-off through the
 *  provision, dated by month (issue 10); 5 since the accruals and their VAT post
 *  per branch and day (projectors/journal.ts DAILY_CATEGORIES); 6 since a loan's
 *  row keeps its quiet stretch (projectors/quiet.ts); 7 since a stretch also runs
 *  through overdue days (its state's version 2). */
export const EVENTLOG_FORMAT = 7;

type Row = Record<string, unknown>;

interface Synth {
  type: EventType;
  aggregateId: string;
  payload: unknown;
  actorId: string | null;
  branchId: string | null;
  occurredAt: string;
  businessDate: string | null;
  /** Ties on the same instant keep the order records depend on each other. */
  rank: number;
}

function formatOf(db: LocalDb): number | null {
  const row = db.$client.prepare('SELECT value_json AS v FROM local_state WHERE key = ?').get(FORMAT_KEY) as
    { v: string } | undefined;
  return row ? (JSON.parse(row.v) as number) : null;
}

function setFormat(db: LocalDb, at: string): void {
  db.$client
    .prepare(
      'INSERT INTO local_state (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
    )
    .run(FORMAT_KEY, JSON.stringify(EVENTLOG_FORMAT), at);
}

/** Whether the database holds records of the old release that need the upgrade. */
export function needsUpgrade(db: LocalDb): boolean {
  if (formatOf(db) !== null) return false;
  const c = db.$client;
  return (c.prepare('SELECT count(*) AS n FROM organisation').get() as { n: number }).n > 0;
}

/** Whether the database's tables were made by an earlier format of the log: a
 *  profile of format 2 applied its version-1 repayments with the product's default
 *  intent, while the log reads them as prepaying principal (what they did when
 *  they were written); one of formats 3 to 6 posted its loans under an earlier
 *  journal rule or keeps an earlier quiet state. Its tables are rebuilt from the
 *  log once (formatRebuild), which a large book takes minutes for. */
export function formatRebuildDue(db: LocalDb): boolean {
  const format = formatOf(db);
  return format !== null && format < EVENTLOG_FORMAT;
}

/** Marks a new database as being of the current format (one that holds a format
 *  already is left to formatRebuildDue). */
export function markNewFormat(db: LocalDb, at: string): void {
  if (formatOf(db) === null) setFormat(db, at);
}

/** Rebuilds the tables of an earlier format from the log and marks the database
 *  current, in one transaction (the command line's open: it waits). */
export function rebuildFormat(db: LocalDb, at: string, onProgress?: (p: RebuildProgress) => void): void {
  db.transaction(() => {
    rebuildInPlace(db, onProgress);
    setFormat(db, at);
  });
}

/** The same with the event loop let go as it goes (the app's open: the window
 *  shows its progress). Stopped or failed, the database stays as it was, of its
 *  earlier format, and the next open starts again. */
export async function rebuildFormatAsync(
  db: LocalDb,
  at: string,
  options: { onProgress?: (p: RebuildProgress) => void; signal?: AbortSignal } = {},
): Promise<void> {
  await rebuildInPlaceAsync(db, { ...options, last: () => setFormat(db, at) });
}

/** Re-logs and rebuilds a profile of the old release; returns the events written. */
export function upgradeLegacyLog(db: LocalDb, deviceId: string, at: string): number {
  if (!needsUpgrade(db)) return 0;
  const c = db.$client;
  return db.transaction(() => {
    const all = <T = Row>(sql: string, ...args: unknown[]) => c.prepare(sql).all(...args) as T[];
    const timeZone = readSettings(db).locale.timeZone;
    const dayOf = (instant: string) => businessDateOf(new Date(instant), timeZone);
    const legacy = all<{
      type: string;
      aggregate_id: string;
      payload_json: string;
      actor_id: string | null;
      occurred_at: string;
    }>(
      "SELECT type, aggregate_id, payload_json, actor_id, occurred_at FROM events WHERE status != 'legacy' ORDER BY seq",
    );
    const legacyOf = (type: string, aggregateId: string) =>
      legacy.filter((e) => e.type === type && e.aggregate_id === aggregateId);
    c.prepare("UPDATE events SET status = 'legacy'").run();

    const out: Synth[] = [];
    const push = (s: Omit<Synth, 'businessDate'> & { businessDate?: string | null }) =>
      out.push({ ...s, businessDate: s.businessDate ?? dayOf(s.occurredAt) });

    for (const o of all('SELECT * FROM organisation'))
      push({
        type: 'OrganisationCreated',
        aggregateId: o.id as string,
        payload: { name: o.name, isDemo: !!o.is_demo },
        actorId: null,
        branchId: null,
        occurredAt: o.created_at as string,
        rank: 0,
      });
    for (const b of all('SELECT * FROM branches'))
      push({
        type: 'BranchCreated',
        aggregateId: b.id as string,
        payload: { code: b.code, name: b.name, openedOn: dayOf(b.created_at as string) },
        actorId: null,
        branchId: b.id as string,
        occurredAt: b.created_at as string,
        rank: 1,
      });
    for (const u of all('SELECT * FROM users')) {
      const base = { aggregateId: u.id as string, actorId: null, branchId: (u.branch_id as string) ?? null };
      push({
        ...base,
        type: 'UserCreated',
        payload: {
          username: u.username,
          displayName: u.display_name,
          passwordHash: u.password_hash,
          role: u.role,
          branchId: u.branch_id ?? null,
          approvalLimitFen: u.approval_limit_fen,
          mustChangePassword: !!u.must_change_password,
        },
        occurredAt: u.created_at as string,
        rank: 2,
      });
      if (u.totp_enabled)
        push({
          ...base,
          type: 'UserTotpChanged',
          payload: { enabled: true, secret: u.totp_secret },
          occurredAt: u.updated_at as string,
          rank: 3,
        });
      if (u.disabled || u.locale)
        push({
          ...base,
          type: 'UserChanged',
          payload: { ...(u.disabled ? { disabled: true } : {}), ...(u.locale ? { locale: u.locale } : {}) },
          occurredAt: u.updated_at as string,
          rank: 3,
        });
    }
    for (const s of all<{ key: string; value_json: string; updated_at: string }>('SELECT * FROM settings')) {
      if (s.key === 'ledger.closedThrough')
        push({
          type: 'PeriodClosed',
          aggregateId: 'ledger',
          payload: { through: JSON.parse(s.value_json) as string },
          actorId: null,
          branchId: null,
          occurredAt: s.updated_at,
          rank: 9,
        });
      else if (s.key in EVENT_SECTIONS)
        push({
          type: 'SettingsChanged',
          aggregateId: s.key,
          payload: { section: s.key, value: JSON.parse(s.value_json) as Record<string, unknown> },
          actorId: null,
          branchId: null,
          occurredAt: s.updated_at,
          rank: 2,
        });
    }
    for (const w of all('SELECT * FROM watchlist'))
      push({
        type: 'WatchlistEntryAdded',
        aggregateId: w.id as string,
        payload: { name: w.name, residentId: w.resident_id ?? null, reason: w.reason, source: w.source },
        actorId: (w.created_by as string) ?? null,
        branchId: null,
        occurredAt: (w.created_at as string) ?? at,
        rank: 2,
      });
    for (const p of all('SELECT * FROM products')) {
      const first = legacyOf('ProductDefined', p.id as string)[0];
      push({
        type: 'ProductDefined',
        aggregateId: p.id as string,
        payload: { code: p.code, name: p.name, active: !!p.active, config: JSON.parse(p.config_json as string) },
        actorId: first?.actor_id ?? null,
        branchId: null,
        occurredAt: first?.occurred_at ?? (p.updated_at as string),
        rank: 2,
      });
    }
    for (const r of all('SELECT * FROM customers'))
      push({
        type: 'CustomerRegistered',
        aggregateId: r.id as string,
        payload: {
          number: r.number,
          kind: r.kind,
          name: r.name,
          residentId: r.resident_id ?? null,
          phone: r.phone ?? null,
          bankCard: r.bank_card ?? null,
          birthDate: r.birth_date ?? null,
          sex: r.sex ?? null,
          address: r.address ?? null,
          employer: r.employer ?? null,
          monthlyIncomeFen: r.monthly_income_fen ?? null,
          monthlyDebtFen: r.monthly_debt_fen ?? null,
          employmentYears: r.employment_years ?? null,
          creditCode: r.credit_code ?? null,
          legalRepId: r.legal_rep_id ?? null,
          registeredCapitalFen: r.registered_capital_fen ?? null,
          industry: r.industry ?? null,
          consentAt: r.consent_at,
          watchlist: r.watchlist_json ? JSON.parse(r.watchlist_json as string) : [],
        },
        actorId: (r.created_by as string) ?? null,
        branchId: (r.branch_id as string) ?? null,
        occurredAt: r.created_at as string,
        rank: 4,
      });

    const loans = new Map(
      all('SELECT l.*, c.contract_json FROM loans l JOIN loan_contracts c ON c.loan_id = l.id').map((l) => [
        l.id as string,
        l,
      ]),
    );
    for (const a of all('SELECT * FROM applications')) {
      const submitted = legacyOf('ApplicationSubmitted', a.id as string)[0];
      const asked = submitted ? (JSON.parse(submitted.payload_json) as Row) : {};
      const bySystem = a.decided_by === 'system';
      const route = bySystem ? (a.status === 'approved' ? 'autoApproved' : 'autoDeclined') : 'review';
      const branchId = (a.branch_id as string) ?? null;
      push({
        type: 'ApplicationSubmitted',
        aggregateId: a.id as string,
        payload: {
          number: a.number,
          customerId: a.customer_id,
          productId: a.product_id,
          amountFen: (asked.amountFen as number) ?? a.amount_fen,
          periods: (asked.periods as number) ?? a.periods,
          rateAnnual: (asked.rateAnnual as string) ?? a.rate_annual,
          purpose: a.purpose,
          assessment: JSON.parse(a.assessment_json as string),
          route,
          loanId: bySystem ? ((a.loan_id as string) ?? null) : null,
        },
        actorId: a.created_by as string,
        branchId,
        occurredAt: a.submitted_at as string,
        rank: 5,
      });
      if (!bySystem && a.decided_at) {
        const decision = {
          actorId: a.decided_by as string,
          branchId,
          aggregateId: a.id as string,
          occurredAt: a.decided_at as string,
          rank: 6,
        };
        if (a.status === 'approved')
          push({
            ...decision,
            type: 'ApplicationApproved',
            payload: {
              amountFen: a.amount_fen,
              periods: a.periods,
              rateAnnual: a.rate_annual,
              note: a.decision_note ?? null,
              assessment: JSON.parse(a.assessment_json as string),
              loanId: a.loan_id,
              override: null,
            },
          });
        else
          push({
            ...decision,
            type: a.status === 'declined' ? 'ApplicationDeclined' : 'ApplicationReturned',
            payload: { reason: a.decision_note ?? '' },
          });
      }
    }

    const txs = all('SELECT * FROM loan_transactions ORDER BY created_at, id');
    for (const [id, l] of loans) {
      const branchId = (l.branch_id as string) ?? null;
      const current = JSON.parse(l.contract_json as string) as Row & { terms: LoanTerms };
      const approvedEvent = legacyOf('LoanApproved', id)[0];
      const approvedTerms = approvedEvent
        ? (JSON.parse(approvedEvent.payload_json) as { terms?: LoanTerms }).terms
        : undefined;
      const approvedContract =
        l.disbursed_on && approvedTerms
          ? { ...current, terms: approvedTerms, schedule: buildSchedule(approvedTerms) }
          : current;
      push({
        type: 'LoanApproved',
        aggregateId: id,
        payload: {
          number: l.number,
          applicationId: l.application_id,
          customerId: l.customer_id,
          productId: l.product_id,
          branchId,
          officerId: l.officer_id ?? null,
          approvedBy: l.approved_by,
          annualizedRate: l.annualized_rate,
          contract: approvedContract,
        },
        actorId: l.approved_by === 'system' ? null : (l.approved_by as string),
        branchId,
        occurredAt: l.approved_at as string,
        rank: 7,
      });
      const loanTx = txs.filter((t) => t.loan_id === id);
      const disbursement = loanTx.find((t) => t.kind === 'disbursement');
      if (l.disbursed_on && disbursement)
        push({
          type: 'LoanDisbursed',
          aggregateId: id,
          payload: {
            transactionId: disbursement.id,
            date: l.disbursed_on,
            channel: l.disbursement_channel,
            contract: current,
            // Releases before the log kept neither.
            receivingAccount: null,
            transferRef: null,
          },
          actorId: (l.disbursed_by as string) ?? null,
          branchId,
          occurredAt: disbursement.created_at as string,
          businessDate: disbursement.booked_on as string,
          rank: 8,
        });
      for (const t of loanTx) {
        const base = {
          aggregateId: id,
          actorId: (t.actor_id as string) ?? null,
          branchId,
          occurredAt: t.created_at as string,
          businessDate: t.booked_on as string,
          rank: 10,
        };
        if (t.kind === 'repayment')
          push({
            ...base,
            type: 'RepaymentRecorded',
            payload: {
              transactionId: t.id,
              amountFen: t.amount_fen,
              valueDate: t.value_date,
              channel: t.channel ?? 'bank',
              note: t.note ?? null,
              // The old release prepaid principal with whatever exceeded what was due.
              intent: 'principal',
            },
          });
        else if (t.kind === 'reversal')
          push({
            ...base,
            rank: 10.5,
            type: 'RepaymentReversed',
            payload: { transactionId: t.id, reversesId: t.reverses_id, reason: t.note ?? '' },
          });
        else if (t.kind === 'recovery')
          push({
            ...base,
            type: 'RecoveryRecorded',
            payload: {
              transactionId: t.id,
              amountFen: t.amount_fen,
              valueDate: t.value_date,
              channel: t.channel ?? 'bank',
            },
          });
      }
      for (const e of legacyOf('WriteOffProposed', id))
        push({
          type: 'WriteOffProposed',
          aggregateId: id,
          payload: { reason: (JSON.parse(e.payload_json) as { reason: string }).reason },
          actorId: e.actor_id,
          branchId,
          occurredAt: e.occurred_at,
          rank: 11,
        });
      for (const e of legacyOf('LoanWrittenOff', id)) {
        const date = (JSON.parse(e.payload_json) as { date: string }).date;
        push({
          type: 'LoanWrittenOff',
          aggregateId: id,
          payload: { date },
          actorId: e.actor_id,
          branchId,
          occurredAt: e.occurred_at,
          businessDate: date,
          rank: 12,
        });
      }
      for (const e of legacyOf('ClassificationOverridden', id)) {
        const p = JSON.parse(e.payload_json) as { override: { classification: string } | null; reason: string };
        push({
          type: 'ClassificationOverridden',
          aggregateId: id,
          payload: { classification: p.override?.classification ?? null, reason: p.reason },
          actorId: e.actor_id,
          branchId,
          occurredAt: e.occurred_at,
          rank: 11,
        });
      }
    }
    for (const d of all('SELECT * FROM loan_documents')) {
      const l = loans.get(d.loan_id as string);
      push({
        type: 'DocumentAttached',
        aggregateId: d.loan_id as string,
        payload: {
          documentId: d.id,
          fileName: d.file_name,
          mime: d.mime,
          sizeBytes: d.size_bytes,
          sha256: d.sha256,
          note: d.note ?? null,
        },
        actorId: d.uploaded_by as string,
        branchId: (l?.branch_id as string) ?? null,
        occurredAt: d.uploaded_at as string,
        rank: 13,
      });
    }
    for (const f of all('SELECT * FROM compliance_flags WHERE reviewed_at IS NOT NULL'))
      push({
        type: 'ComplianceFlagReviewed',
        aggregateId: derivedUuid(`flag:${f.kind}:${f.customer_id}:${f.business_date}`),
        payload: { note: f.review_note ?? '', decision: (f.decision as string | undefined) ?? null },
        actorId: (f.reviewed_by as string) ?? null,
        branchId: (loans.get(f.loan_id as string)?.branch_id as string) ?? null,
        occurredAt: f.reviewed_at as string,
        rank: 14,
      });
    const branchIds = all<{ id: string }>('SELECT id FROM branches').map((b) => b.id);
    for (const run of all("SELECT * FROM eod_runs WHERE status = 'done'"))
      for (const branchId of branchIds)
        push({
          type: 'DayClosed',
          aggregateId: `${branchId}:${run.business_date}`,
          payload: { branchId, date: run.business_date },
          actorId: (run.actor_id as string) ?? null,
          branchId,
          occurredAt: (run.finished_at as string) ?? (run.started_at as string),
          businessDate: run.business_date as string,
          rank: 15,
        });

    // Day closes come after everything booked on their day; otherwise by time.
    const key = (s: Synth) =>
      s.type === 'DayClosed' ? `${s.businessDate}T99` : s.type === 'PeriodClosed' ? `${s.occurredAt}~` : s.occurredAt;
    out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.rank - b.rank));
    const versions = new Map<string, number>();
    for (const s of out) {
      const spec = EVENTS[s.type];
      const aggregateKey = `${spec.aggregate}:${s.aggregateId}`;
      const version = (versions.get(aggregateKey) ?? 0) + (spec.kind === 'transition' ? 1 : 0);
      versions.set(aggregateKey, version);
      let envelope: EventEnvelope;
      try {
        envelope = parseEvent({
          id: uuidv7(Date.parse(s.occurredAt)),
          aggregate: spec.aggregate,
          aggregateId: s.aggregateId,
          version,
          kind: spec.kind,
          type: s.type,
          schemaVersion: spec.schemaVersion,
          payload: s.payload as PayloadOf<typeof s.type>,
          actorId: s.actorId,
          deviceId,
          branchId: s.branchId,
          businessDate: s.businessDate,
          requestId: null,
          occurredAt: s.occurredAt,
        });
      } catch (e) {
        throw new DomainError('UPGRADE_FAILED', { type: s.type, aggregateId: s.aggregateId, cause: String(e) });
      }
      insertEvent(db, envelope, 'pending');
    }
    rebuildInPlace(db);
    setFormat(db, at);
    return out.length;
  });
}

/** Settings sections that are the company's (events); others were this device's. */
const EVENT_SECTIONS: Record<string, true> = { security: true, lending: true, locale: true };

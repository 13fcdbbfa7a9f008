/** Collections (贷后催收): the officer's list of loans past due (a broken promise
 *  first, then by days past due and the amount to collect today, with the next
 *  action), a loan's contact log and promises to pay, and the promises made, kept
 *  and broken per officer. Contacts and promises are commuting facts of the loan;
 *  kept or broken is computed on reading, from the loan's repayments and its
 *  business date. */
import { randomUUID } from 'node:crypto';
import { handler, type Ctx } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import { draft, emit, metaOf, type Draft } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { addDays } from '../../../core/dates';
import { requireActive } from '../../../core/rules/lending';
import { collectionsScope, inScope, type BranchScope } from '../../../core/tickets/access';
import { compareCases, nextAction, type CollectionCase } from '../../../core/collections/list';
import {
  checkPromise,
  MAX_PROMISE_DAYS_AHEAD,
  tallyPromises,
  type ContactKind,
  type ContactOutcome,
} from '../../../core/collections/promises';
import {
  caseInput,
  listCollectionsInput,
  logContactInput,
  promiseStatsInput,
} from '../../../contract/schemas/collections';
import { getLoanRow, transactionsOf, type LoanRow } from '../../projectors/loans';
import { currentBusinessDate } from '../eod/businessDate';
import { customerBrief, userNames } from '../tickets/store';
import { businessDates, effectivePayments, loanFigures, promisesMadeBetween, promisesOf, withOutcome } from './store';
import { containsPattern } from '../../db/like';

function scopeOf(ctx: Ctx): BranchScope {
  const s = ctx.requireSession();
  return collectionsScope(s.role, s.branchId);
}

/** The loan, if the caller may work on it; LOAN_UNKNOWN otherwise. */
function requireCaseLoan(ctx: Ctx, db: LocalDb, loanId: string): LoanRow {
  const loan = getLoanRow(db, loanId);
  if (!loan || !inScope(scopeOf(ctx), loan.branchId)) throw new DomainError('LOAN_UNKNOWN', { field: 'loanId' });
  return loan;
}

interface ContactRow {
  id: string;
  kind: ContactKind;
  outcome: ContactOutcome;
  note: string | null;
  businessDate: string;
  contactedBy: string | null;
  contactedAt: string;
}

function contactsOf(db: LocalDb, loanId: string): ContactRow[] {
  return db.$client
    .prepare(
      'SELECT id, kind, outcome, note, business_date AS businessDate, contacted_by AS contactedBy, contacted_at AS contactedAt FROM collection_contacts WHERE loan_id = ? ORDER BY contacted_at DESC, id DESC',
    )
    .all(loanId) as ContactRow[];
}

/** One loan of the list: its figures today, latest promise, last contact and next action. */
function caseOf(db: LocalDb, loan: LoanRow, today: string, names: Map<string, string>) {
  const txs = transactionsOf(db, loan.id);
  const figures = loanFigures(db, loan, today, txs);
  if (!figures) return null;
  const payments = effectivePayments(txs);
  const promises = promisesOf(db, loan.id).map((p) => withOutcome(p, payments, today));
  const contacts = contactsOf(db, loan.id);
  const last = contacts[0];
  const lastVisit = contacts.find((c) => c.kind === 'visit')?.businessDate ?? null;
  const promise = promises[0] ?? null;
  const customer = customerBrief(db, loan.customerId);
  const item: CollectionCase = {
    loanId: loan.id,
    loanNumber: loan.number,
    dpd: figures.dpd,
    amountDueFen: figures.amountDueFen,
    promise,
  };
  return {
    ...item,
    today,
    customerId: loan.customerId,
    customerName: customer?.name ?? null,
    customerPhoneMasked: customer?.phoneMasked ?? null,
    officerId: loan.officerId,
    officerName: loan.officerId ? (names.get(loan.officerId) ?? null) : null,
    branchId: loan.branchId,
    overduePrincipalFen: figures.overduePrincipalFen,
    outstandingPrincipalFen: figures.outstandingPrincipalFen,
    nextDueDate: figures.nextDueDate,
    raised: promise?.status === 'broken',
    promises,
    contacts: contacts.map((c) => ({
      ...c,
      contactedByName: c.contactedBy ? (names.get(c.contactedBy) ?? null) : null,
    })),
    lastContact: last ? { kind: last.kind, outcome: last.outcome, date: last.businessDate, note: last.note } : null,
    nextAction: nextAction(
      figures.dpd,
      promise,
      last ? { kind: last.kind, outcome: last.outcome, date: last.businessDate } : null,
      lastVisit,
      today,
    ),
  };
}

export const collectionsHandlers = {
  'collections.list': handler({
    input: listCollectionsInput,
    access: 'collections.read',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const s = ctx.requireSession();
      const scope = scopeOf(ctx);
      const dateOf = businessDates(db, ctx.now());
      const where = ["l.status = 'active'", 'l.disbursed_on IS NOT NULL'];
      const params: Array<string | null> = [];
      if (scope.kind === 'branch') {
        where.push('l.branch_id = ?');
        params.push(scope.branchId);
      }
      if (input.scope === 'mine') {
        where.push('l.officer_id = ?');
        params.push(s.userId);
      }
      if (input.officerId) {
        where.push('l.officer_id = ?');
        params.push(input.officerId);
      }
      const q = input.search?.trim();
      if (q) {
        where.push("(l.number LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\')");
        params.push(containsPattern(q.toUpperCase()), containsPattern(q));
      }
      // Loans with an installment unpaid after its due date (on the latest business
      // date of any branch; each loan is then judged on its own branch's date).
      const latest = (db.$client.prepare('SELECT id FROM branches').all() as Array<{ id: string }>)
        .map((b) => dateOf(b.id))
        .reduce((a, b) => (a > b ? a : b), dateOf(null));
      const ids = db.$client
        .prepare(
          `SELECT l.id FROM loans l LEFT JOIN customers c ON c.id = l.customer_id
           WHERE ${where.join(' AND ')} AND EXISTS (SELECT 1 FROM installments i WHERE i.loan_id = l.id AND i.due_date < ?
             AND i.paid_principal_fen + i.paid_interest_fen < i.principal_fen + i.interest_fen)
           ORDER BY l.number`,
        )
        .all(...params, latest) as Array<{ id: string }>;
      const names = userNames(db);
      const cases = ids
        .map(({ id }) => {
          const loan = getLoanRow(db, id)!;
          return caseOf(db, loan, dateOf(loan.branchId), names);
        })
        .filter((c): c is NonNullable<typeof c> => c !== null && c.dpd > 0)
        .sort(compareCases);
      return {
        total: cases.length,
        amountDueFen: cases.reduce((sum, c) => sum + c.amountDueFen, 0),
        raised: cases.filter((c) => c.raised).length,
        rows: cases.slice(0, input.limit).map(({ promises: _p, contacts: _c, ...row }) => row),
      };
    },
  }),

  'collections.get': handler({
    input: caseInput,
    access: 'collections.read',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const loan = requireCaseLoan(ctx, db, input.loanId);
      const today = currentBusinessDate(db, ctx.now(), loan.branchId);
      const names = userNames(db);
      const c = caseOf(db, loan, today, names);
      return {
        loan: { id: loan.id, number: loan.number, status: loan.status, principalFen: loan.principalFen },
        customer: customerBrief(db, loan.customerId),
        case: c,
        maxPromiseDate: addDays(today, MAX_PROMISE_DAYS_AHEAD),
        promises: (c?.promises ?? []).map((p) => ({
          ...p,
          madeByName: p.madeBy ? (names.get(p.madeBy) ?? null) : null,
        })),
        contacts: c?.contacts ?? [],
      };
    },
  }),

  'collections.logContact': handler({
    input: logContactInput,
    access: 'collections.write',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const loan = requireCaseLoan(ctx, db, input.loanId);
        requireActive(loan.status);
        const today = currentBusinessDate(db, ctx.now(), loan.branchId);
        const contactId = randomUUID();
        const drafts: Draft[] = [
          draft('ContactLogged', loan.id, {
            contactId,
            kind: input.kind,
            outcome: input.outcome,
            note: input.note || null,
          }),
        ];
        let promiseId: string | null = null;
        if (input.promise) {
          const refused = checkPromise(
            input.promise.amountFen,
            input.promise.promisedDate,
            today,
            addDays(today, MAX_PROMISE_DAYS_AHEAD),
          );
          if (refused)
            throw new DomainError(refused, {
              field: refused === 'PROMISE_AMOUNT_INVALID' ? 'amountFen' : 'promisedDate',
            });
          promiseId = randomUUID();
          drafts.push(
            draft('PromiseToPayMade', loan.id, {
              promiseId,
              contactId,
              amountFen: input.promise.amountFen,
              promisedDate: input.promise.promisedDate,
            }),
          );
        }
        emit(
          db,
          metaOf(ctx, today),
          drafts.map((d) => ({ ...d, branchId: loan.branchId })),
        );
        return { contactId, promiseId };
      }),
  }),

  'collections.promiseStats': handler({
    input: promiseStatsInput,
    access: 'collections.read',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const scope = scopeOf(ctx);
      const dateOf = businessDates(db, ctx.now());
      const names = userNames(db);
      const loans = new Map<string, { branchId: string | null; payments: ReturnType<typeof effectivePayments> }>();
      const byOfficer = new Map<string | null, Array<{ amountFen: number; status: 'pending' | 'kept' | 'broken' }>>();
      for (const p of promisesMadeBetween(db, input.from, input.to)) {
        let loan = loans.get(p.loanId);
        if (!loan) {
          const row = getLoanRow(db, p.loanId);
          loan = { branchId: row?.branchId ?? null, payments: effectivePayments(transactionsOf(db, p.loanId)) };
          loans.set(p.loanId, loan);
        }
        if (!inScope(scope, loan.branchId)) continue;
        const outcome = withOutcome(p, loan.payments, dateOf(loan.branchId));
        const list = byOfficer.get(p.madeBy) ?? [];
        list.push({ amountFen: p.amountFen, status: outcome.status });
        byOfficer.set(p.madeBy, list);
      }
      const rows = [...byOfficer.entries()]
        .map(([officerId, outcomes]) => ({
          officerId,
          officerName: officerId ? (names.get(officerId) ?? null) : null,
          ...tallyPromises(outcomes),
        }))
        .sort((a, b) => b.made - a.made || (a.officerName ?? '').localeCompare(b.officerName ?? ''));
      return { rows, total: tallyPromises([...byOfficer.values()].flat()) };
    },
  }),
};

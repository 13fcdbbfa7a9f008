/** Applications: submit (pre-checks + scorecard decide the route), the review
 *  queue, and approve / decline / return with maker-checker rules. The facts are
 *  gathered here with SQL; the decisions are core rules; the changes are events. */
import { z } from 'zod';
import { and, count, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { handler, type Ctx } from '../../api/handler';
import { applications, customers, loanContracts, loans, users } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { containsPattern } from '../../db/like';
import { derivedUuid, draft, emit, metaOf, type Draft } from '../../events/store';
import { text } from '../../../core/validation/text';
import { DomainError } from '../../../core/errors';
import { can } from '../../../core/auth/permissions';
import {
  assessApplication,
  scheduleFor,
  type ApplicationTerms,
  type Assessment,
  type CustomerFacts,
  type LendingHistory,
} from '../../../core/rules/assessment';
import {
  checkApprovalAssessment,
  requireReviewable,
  requireWithinLimit,
  SYSTEM_ACTOR,
} from '../../../core/rules/lending';
import type { StoredContract } from '../../../contract/events';
import { getProduct, type ProductView } from '../products/handlers';
import { currentBusinessDate } from '../eod/businessDate';
import { nextNumber } from '../numbers';
import {
  approveInput,
  decideInput,
  listApplicationsInput,
  QUEUE_SORT_FIELDS,
  submitApplicationInput,
} from '../../../contract/schemas/applications';
import { contractRulesOf } from '../products/contract';
import { readSettings } from '../settings/store';

export type ApplicationRow = typeof applications.$inferSelect;

function getApplication(db: LocalDb, id: string): ApplicationRow {
  const row = db.select().from(applications).where(eq(applications.id, id)).get();
  if (!row) throw new DomainError('APPLICATION_UNKNOWN', { field: 'applicationId' });
  return row;
}

/** What the assessment needs to know of the customer and of their loans with us. */
export function assessmentFacts(
  db: LocalDb,
  customerId: string,
): { customer: CustomerFacts; history: LendingHistory; branchId: string | null } {
  const row = db.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!row) throw new DomainError('CUSTOMER_UNKNOWN', { field: 'customerId' });
  const own = db
    .select({ id: loans.id, status: loans.status, dpd: loans.dpd, contractJson: loanContracts.contractJson })
    .from(loans)
    .innerJoin(loanContracts, eq(loanContracts.loanId, loans.id))
    .where(
      and(eq(loans.customerId, customerId), inArray(loans.status, ['approved', 'active', 'written_off', 'closed'])),
    )
    .all();
  const nextDue = db.$client.prepare(
    "SELECT payment_fen AS p FROM installments WHERE loan_id = ? AND status != 'paid' ORDER BY n LIMIT 1",
  );
  let companyInstallmentsFen = 0;
  for (const l of own) {
    if (l.status === 'active') companyInstallmentsFen += (nextDue.get(l.id) as { p: number } | undefined)?.p ?? 0;
    else if (l.status === 'approved')
      companyInstallmentsFen +=
        (JSON.parse(l.contractJson) as StoredContract).schedule.installments[0]?.paymentFen ?? 0;
  }
  return {
    customer: {
      kind: row.kind as CustomerFacts['kind'],
      birthDate: row.birthDate,
      monthlyIncomeFen: row.monthlyIncomeFen,
      monthlyDebtFen: row.monthlyDebtFen,
      employmentYears: row.employmentYears,
      watchlist: row.watchlistJson ? (JSON.parse(row.watchlistJson) as Array<{ match: string }>) : [],
    },
    history: {
      overdueLoans: own.filter((l) => l.dpd > 0 && (l.status === 'active' || l.status === 'written_off')).length,
      repaidLoans: own.filter((l) => l.status === 'closed').length,
      companyInstallmentsFen,
    },
    branchId: row.branchId,
  };
}

export function assess(db: LocalDb, customerId: string, product: ProductView, terms: ApplicationTerms): Assessment {
  const facts = assessmentFacts(db, customerId);
  return assessApplication(facts.customer, facts.history, product.config, terms);
}

/** The LoanApproved event of an approved application: the contract as fixed now. */
function loanApproval(
  db: LocalDb,
  app: Pick<ApplicationRow, 'id' | 'customerId' | 'productId' | 'amountFen' | 'periods' | 'rateAnnual' | 'createdBy'>,
  branchId: string | null,
  product: ProductView,
  approvedBy: string,
  startDate: string,
): { loanId: string; draft: Draft<'LoanApproved'> } {
  // One loan per application: its id follows from the application's on every node.
  const loanId = derivedUuid(`loan:${app.id}`);
  const { terms, schedule, rate } = scheduleFor(product.config, {
    amountFen: app.amountFen,
    periods: app.periods,
    rateAnnual: app.rateAnnual,
    startDate,
  });
  // The red line is the company's setting on the day of approval, fixed in the
  // contract so the loan's replay stays a function of its events.
  const contract: StoredContract = {
    terms,
    schedule,
    ...contractRulesOf(product.config),
    redLineAnnual: readSettings(db).lending.redLineAnnual,
  };
  return {
    loanId,
    draft: {
      ...draft(
        'LoanApproved',
        loanId,
        {
          number: nextNumber(db, 'loan'),
          applicationId: app.id,
          customerId: app.customerId,
          productId: app.productId,
          branchId,
          officerId: app.createdBy,
          approvedBy,
          annualizedRate: rate.nominal,
          contract,
        },
        0,
      ),
      branchId,
    },
  };
}

/** Submits an application: records it with its pre-checks and score, and routes it
 *  (an automatic approval creates the loan in the same call). */
export function submitApplication(
  ctx: Ctx,
  input: z.output<typeof submitApplicationInput>,
  options: { id?: string } = {},
) {
  const session = ctx.requireSession();
  return ctx.write((db) => {
    const product = getProduct(db, input.productId);
    if (!product.active) throw new DomainError('PRODUCT_INACTIVE', { field: 'productId' });
    const facts = assessmentFacts(db, input.customerId);
    const branchId = session.branchId ?? facts.branchId;
    const startDate = currentBusinessDate(db, ctx.now(), branchId);
    const rateAnnual = input.rateAnnual ?? product.config.defaultRateAnnual;
    const terms = { amountFen: input.amountFen, periods: input.periods, rateAnnual, startDate };
    const assessment = assessApplication(facts.customer, facts.history, product.config, terms);
    const id = options.id ?? randomUUID();
    const number = nextNumber(db, 'application');
    const approval =
      assessment.decision === 'autoApproved'
        ? loanApproval(
            db,
            { id, ...input, rateAnnual, createdBy: session.userId },
            branchId,
            product,
            SYSTEM_ACTOR,
            startDate,
          )
        : null;
    emit(db, metaOf(ctx, startDate), [
      {
        ...draft(
          'ApplicationSubmitted',
          id,
          {
            number,
            customerId: input.customerId,
            productId: input.productId,
            amountFen: input.amountFen,
            periods: input.periods,
            rateAnnual,
            purpose: input.purpose,
            assessment,
            route: assessment.decision,
            loanId: approval?.loanId ?? null,
          },
          0,
        ),
        branchId,
      },
      ...(approval ? [approval.draft] : []),
    ]);
    const status =
      assessment.decision === 'autoDeclined'
        ? 'declined'
        : assessment.decision === 'autoApproved'
          ? 'approved'
          : 'review';
    return { id, number, status, loanId: approval?.loanId ?? null, assessment };
  });
}

type ListInput = z.output<typeof listApplicationsInput>;

/** The column of each sort, and whether ascending means the column ascending (age
 *  ascending is the newest submission first). Nulls sort last either way; the id
 *  breaks ties in the column's direction (so applications_queue serves the age
 *  order both ways without a sort step). */
const SORT_SQL: Record<(typeof QUEUE_SORT_FIELDS)[number], { expr: SQL; ascending: boolean }> = {
  amount: { expr: sql`${applications.amountFen}`, ascending: true },
  grade: { expr: sql`${applications.grade}`, ascending: true },
  score: { expr: sql`${applications.score}`, ascending: true },
  age: { expr: sql`${applications.submittedAt}`, ascending: false },
  decision: {
    // In whole milliseconds, so equal waits tie (and the id decides) rather than float noise.
    expr: sql`round((julianday(${applications.decidedAt}) - julianday(${applications.submittedAt})) * 86400000)`,
    ascending: true,
  },
};

function orderOf(sort: ListInput['sort']): SQL[] {
  const { expr, ascending } = sort ? SORT_SQL[sort.field] : SORT_SQL.age;
  const up = sort ? (sort.order === 'asc') === ascending : false;
  const dir = up ? sql`asc` : sql`desc`;
  return [sql`${expr} ${dir} nulls last`, sql`${applications.id} ${dir}`];
}

/** The review queue's page: one page of the applications matching the filters in
 *  the asked order, the count and amount of all of them, and the officers and
 *  branches present in the asked statuses (the column filters' choices). */
export function listApplications(db: LocalDb, input: ListInput) {
  const scope: SQL[] = [];
  if (input.status?.length) scope.push(inArray(applications.status, input.status));
  if (input.customerId) scope.push(eq(applications.customerId, input.customerId));
  const where = [...scope];
  if (input.grade?.length) where.push(inArray(applications.grade, input.grade));
  if (input.officerId?.length) where.push(inArray(applications.createdBy, input.officerId));
  if (input.branchId?.length) {
    const ids = input.branchId.filter((b): b is string => b !== null);
    const anyOf: SQL[] = ids.length ? [inArray(applications.branchId, ids)] : [];
    if (ids.length < input.branchId.length) anyOf.push(isNull(applications.branchId));
    where.push(or(...anyOf)!);
  }
  const q = input.search?.trim();
  if (q) {
    where.push(
      or(
        sql`${applications.number} like ${containsPattern(q.toUpperCase())} escape '\\'`,
        sql`${customers.name} like ${containsPattern(q)} escape '\\'`,
        sql`${users.displayName} like ${containsPattern(q)} escape '\\'`,
      )!,
    );
  }
  const condition = where.length ? and(...where) : undefined;
  const totalsQuery = db
    .select({ n: count(), amountFen: sql<number>`coalesce(sum(${applications.amountFen}), 0)` })
    .from(applications)
    .$dynamic();
  // The names are joined only when the search needs them.
  const totals = (
    q
      ? totalsQuery
          .leftJoin(customers, eq(customers.id, applications.customerId))
          .leftJoin(users, eq(users.id, applications.createdBy))
      : totalsQuery
  )
    .where(condition)
    .get();
  const rows = db
    .select({
      id: applications.id,
      number: applications.number,
      status: applications.status,
      amountFen: applications.amountFen,
      periods: applications.periods,
      rateAnnual: applications.rateAnnual,
      grade: applications.grade,
      score: applications.score,
      submittedAt: applications.submittedAt,
      decidedAt: applications.decidedAt,
      customerId: applications.customerId,
      customerName: customers.name,
      productId: applications.productId,
      branchId: applications.branchId,
      createdBy: applications.createdBy,
      officerName: users.displayName,
      loanId: applications.loanId,
      version: applications.version,
    })
    .from(applications)
    .leftJoin(customers, eq(customers.id, applications.customerId))
    .leftJoin(users, eq(users.id, applications.createdBy))
    .where(condition)
    .orderBy(...orderOf(input.sort))
    .limit(input.limit)
    .offset(input.offset)
    .all();
  const scoped = scope.length ? and(...scope) : undefined;
  const officers = db
    .selectDistinct({ id: applications.createdBy, name: users.displayName })
    .from(applications)
    .leftJoin(users, eq(users.id, applications.createdBy))
    .where(scoped)
    .orderBy(users.displayName, applications.createdBy)
    .all()
    .map((o) => ({ id: o.id, name: o.name ?? o.id }));
  const branches = db
    .selectDistinct({ id: applications.branchId })
    .from(applications)
    .where(scoped)
    .orderBy(applications.branchId)
    .all()
    .map((b) => b.id);
  return {
    rows,
    total: totals?.n ?? 0,
    totalAmountFen: totals?.amountFen ?? 0,
    facets: { officers, branches },
  };
}

export const applicationsHandlers = {
  'applications.preview': handler({
    input: submitApplicationInput.extend({ purpose: text('subject', { min: 0 }).optional() }),
    access: 'applications.create',
    kind: 'read',
    run: (ctx, input) => {
      const product = getProduct(ctx.db, input.productId);
      const startDate = currentBusinessDate(ctx.db, ctx.now());
      const rateAnnual = input.rateAnnual ?? product.config.defaultRateAnnual;
      const assessment: Assessment = assess(ctx.db, input.customerId, product, {
        amountFen: input.amountFen,
        periods: input.periods,
        rateAnnual,
        startDate,
      });
      const { schedule } = scheduleFor(product.config, {
        amountFen: input.amountFen,
        periods: input.periods,
        rateAnnual,
        startDate,
      });
      return { assessment, schedule, rateAnnual, startDate };
    },
  }),
  'applications.submit': handler({
    input: submitApplicationInput,
    access: 'applications.create',
    kind: 'write',
    run: (ctx, input) => submitApplication(ctx, input),
  }),
  'applications.list': handler({
    input: listApplicationsInput,
    access: 'applications.review',
    kind: 'read',
    run: (ctx, input) => listApplications(ctx.db, input),
  }),
  'applications.get': handler({
    input: z.object({ applicationId: z.string().uuid() }),
    access: 'applications.review',
    kind: 'read',
    run: (ctx, input) => {
      const app = getApplication(ctx.db, input.applicationId);
      const product = getProduct(ctx.db, app.productId);
      // In review: the schedule as it would be if disbursed today; decided: as of the decision.
      const startDate =
        app.status === 'review'
          ? currentBusinessDate(ctx.db, ctx.now())
          : (app.decidedAt ?? app.submittedAt).slice(0, 10);
      const { schedule } = scheduleFor(product.config, {
        amountFen: app.amountFen,
        periods: app.periods,
        rateAnnual: app.rateAnnual,
        startDate,
      });
      const existingLoans = ctx.db
        .select({
          id: loans.id,
          number: loans.number,
          status: loans.status,
          principalFen: loans.principalFen,
          outstandingPrincipalFen: loans.outstandingPrincipalFen,
          dpd: loans.dpd,
        })
        .from(loans)
        .where(and(eq(loans.customerId, app.customerId), sql`${loans.applicationId} <> ${app.id}`))
        .all();
      const creator = ctx.db
        .select({ displayName: users.displayName })
        .from(users)
        .where(eq(users.id, app.createdBy))
        .get();
      // The approver or decliner by name (the system for an automatic decision).
      const decider =
        app.decidedBy && app.decidedBy !== SYSTEM_ACTOR
          ? ctx.db.select({ displayName: users.displayName }).from(users).where(eq(users.id, app.decidedBy)).get()
          : undefined;
      return {
        application: app,
        assessment: JSON.parse(app.assessmentJson) as Assessment,
        product: {
          id: product.id,
          code: product.code,
          name: product.name,
          nameEn: product.nameEn,
          config: product.config,
        },
        schedule,
        existingLoans,
        creatorName: creator?.displayName ?? null,
        deciderName: decider?.displayName ?? null,
      };
    },
  }),
  'applications.approve': handler({
    input: approveInput,
    access: 'applications.review',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const app = getApplication(db, input.applicationId);
        requireReviewable(app, input.expectedVersion, session.userId);
        const amountFen = input.amountFen ?? app.amountFen;
        requireWithinLimit(amountFen, session.approvalLimitFen);
        const product = getProduct(db, app.productId);
        const changed = {
          amountFen,
          periods: input.periods ?? app.periods,
          rateAnnual: input.rateAnnual ?? app.rateAnnual,
        };
        const startDate = currentBusinessDate(db, ctx.now(), app.branchId);
        const reassessed = assess(db, app.customerId, product, { ...changed, startDate });
        const override = checkApprovalAssessment(reassessed, {
          allowed: can(session.role, 'applications.override'),
          reason: input.overrideReason ?? null,
        });
        const approval = loanApproval(db, { ...app, ...changed }, app.branchId, product, session.userId, startDate);
        emit(db, metaOf(ctx, startDate), [
          {
            ...draft(
              'ApplicationApproved',
              app.id,
              { ...changed, note: input.note ?? null, assessment: reassessed, loanId: approval.loanId, override },
              app.version,
            ),
            branchId: app.branchId,
          },
          approval.draft,
        ]);
        return { loanId: approval.loanId };
      });
    },
  }),
  'applications.decline': handler({
    input: decideInput,
    access: 'applications.review',
    kind: 'write',
    run: (ctx, input) => decide(ctx, input, 'declined'),
  }),
  'applications.return': handler({
    input: decideInput,
    access: 'applications.review',
    kind: 'write',
    run: (ctx, input) => decide(ctx, input, 'returned'),
  }),
};

function decide(ctx: Ctx, input: z.output<typeof decideInput>, status: 'declined' | 'returned') {
  const session = ctx.requireSession();
  return ctx.write((db) => {
    const app = getApplication(db, input.applicationId);
    requireReviewable(app, input.expectedVersion, session.userId);
    emit(db, metaOf(ctx, currentBusinessDate(db, ctx.now(), app.branchId)), [
      {
        ...draft(
          status === 'declined' ? 'ApplicationDeclined' : 'ApplicationReturned',
          app.id,
          { reason: input.reason },
          app.version,
        ),
        branchId: app.branchId,
      },
    ]);
    return { status };
  });
}

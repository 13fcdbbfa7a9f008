/** Applications: submit (pre-checks + scorecard decide the route), the review
 *  queue, and approve / decline / return with maker-checker rules. */
import { z } from 'zod';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { handler, type Ctx } from '../../api/handler';
import { applications, customers, loans, users } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { appendEvent, metaOf } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { getProduct, type ProductView } from '../products/handlers';
import { currentBusinessDate } from '../eod/businessDate';
import { assess, scheduleFor, type Assessment } from './assess';
import { approveInput, decideInput, submitApplicationInput } from './schemas';
import { contractRulesOf } from '../products/contract';

export type ApplicationRow = typeof applications.$inferSelect;
const SYSTEM = 'system';

export function nextNumber(db: LocalDb, table: 'applications' | 'loans' | 'customers', prefix: string): string {
  const row = db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  return `${prefix}${String(row.n + 1).padStart(6, '0')}`;
}

function getApplication(db: LocalDb, id: string): ApplicationRow {
  const row = db.select().from(applications).where(eq(applications.id, id)).get();
  if (!row) throw new DomainError('APPLICATION_UNKNOWN', { field: 'applicationId' });
  return row;
}

/** Creates the loan of an approved application (status approved, not yet disbursed). */
function createLoan(
  db: LocalDb,
  app: ApplicationRow,
  product: ProductView,
  approvedBy: string,
  meta: ReturnType<typeof metaOf>,
  startDate: string,
): string {
  const loanId = randomUUID();
  const { terms, schedule, rate } = scheduleFor(product, {
    amountFen: app.amountFen,
    periods: app.periods,
    rateAnnual: app.rateAnnual,
    startDate,
  });
  const contract = { terms, schedule, ...contractRulesOf(product.config) };
  const event = appendEvent(
    db,
    {
      aggregate: 'loan',
      aggregateId: loanId,
      type: 'LoanApproved',
      payload: { applicationId: app.id, approvedBy, terms },
    },
    meta,
    0,
  );
  db.insert(loans)
    .values({
      id: loanId,
      number: nextNumber(db, 'loans', 'L'),
      applicationId: app.id,
      customerId: app.customerId,
      productId: app.productId,
      branchId: app.branchId,
      officerId: app.createdBy,
      principalFen: app.amountFen,
      rateAnnual: app.rateAnnual,
      annualizedRate: rate.nominal,
      periods: app.periods,
      method: product.config.method,
      contractJson: JSON.stringify(contract),
      status: 'approved',
      approvedBy,
      approvedAt: meta.occurredAt,
      version: event.version,
    })
    .run();
  return loanId;
}

function applicationEvent(
  db: LocalDb,
  app: ApplicationRow,
  type: string,
  payload: unknown,
  meta: ReturnType<typeof metaOf>,
): number {
  return appendEvent(db, { aggregate: 'application', aggregateId: app.id, type, payload }, meta, app.version).version;
}

function requireReviewable(app: ApplicationRow, expectedVersion: number): void {
  if (app.status !== 'review') throw new DomainError('APPLICATION_NOT_IN_REVIEW', { status: app.status });
  if (app.version !== expectedVersion)
    throw new DomainError('VERSION_CONFLICT', { expected: expectedVersion, actual: app.version });
}

/** Submits an application: records it, runs pre-checks and scoring, and routes it. */
export function submitApplication(ctx: Ctx, input: z.output<typeof submitApplicationInput>) {
  const session = ctx.requireSession();
  return ctx.write((db) => {
    const product = getProduct(db, input.productId);
    if (!product.active) throw new DomainError('PRODUCT_INACTIVE', { field: 'productId' });
    const startDate = currentBusinessDate(db, ctx.now());
    const rateAnnual = input.rateAnnual ?? product.config.defaultRateAnnual;
    const assessment = assess(db, input.customerId, product, {
      amountFen: input.amountFen,
      periods: input.periods,
      rateAnnual,
      startDate,
    });
    const id = randomUUID();
    const meta = metaOf(ctx);
    const status =
      assessment.decision === 'autoDeclined'
        ? 'declined'
        : assessment.decision === 'autoApproved'
          ? 'approved'
          : 'review';
    appendEvent(
      db,
      { aggregate: 'application', aggregateId: id, type: 'ApplicationSubmitted', payload: { ...input, rateAnnual } },
      meta,
      0,
    );
    const decided = appendEvent(
      db,
      {
        aggregate: 'application',
        aggregateId: id,
        type: `Application${assessment.decision[0]!.toUpperCase()}${assessment.decision.slice(1)}`,
        payload: { assessment },
      },
      meta,
      1,
    );
    const row: ApplicationRow = {
      id,
      number: nextNumber(db, 'applications', 'A'),
      customerId: input.customerId,
      productId: input.productId,
      amountFen: input.amountFen,
      periods: input.periods,
      rateAnnual,
      purpose: input.purpose,
      status,
      score: assessment.score?.score ?? null,
      grade: assessment.score?.grade ?? null,
      assessmentJson: JSON.stringify(assessment),
      branchId: session.branchId,
      createdBy: session.userId,
      submittedAt: meta.occurredAt,
      decidedAt: status === 'review' ? null : meta.occurredAt,
      decidedBy: status === 'review' ? null : SYSTEM,
      decisionNote: null,
      loanId: null,
      version: decided.version,
    };
    db.insert(applications).values(row).run();
    if (status === 'approved') {
      const loanId = createLoan(db, row, product, SYSTEM, meta, startDate);
      db.update(applications).set({ loanId }).where(eq(applications.id, id)).run();
      row.loanId = loanId;
    }
    return { id, number: row.number, status, loanId: row.loanId, assessment };
  });
}

const listInput = z
  .object({
    status: z.array(z.enum(['review', 'approved', 'declined', 'returned'])).optional(),
    grade: z.array(z.enum(['A', 'B', 'C', 'D', 'E'])).optional(),
    branchId: z.string().uuid().optional(),
    createdBy: z.string().uuid().optional(),
    customerId: z.string().uuid().optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .prefault({});

export const applicationsHandlers = {
  'applications.preview': handler({
    input: submitApplicationInput.extend({ purpose: z.string().max(200).optional() }),
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
      const { schedule } = scheduleFor(product, {
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
    input: listInput,
    access: 'applications.review',
    kind: 'read',
    run: (ctx, input) => {
      const where: SQL[] = [];
      if (input.status?.length) where.push(inArray(applications.status, input.status));
      if (input.grade?.length) where.push(inArray(applications.grade, input.grade));
      if (input.branchId) where.push(eq(applications.branchId, input.branchId));
      if (input.createdBy) where.push(eq(applications.createdBy, input.createdBy));
      if (input.customerId) where.push(eq(applications.customerId, input.customerId));
      return ctx.db
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
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(applications.submittedAt))
        .limit(input.limit)
        .all();
    },
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
      const { schedule } = scheduleFor(product, {
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
      return {
        application: app,
        assessment: JSON.parse(app.assessmentJson) as Assessment,
        product: { id: product.id, code: product.code, name: product.name, config: product.config },
        schedule,
        existingLoans,
        creatorName: creator?.displayName ?? null,
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
        requireReviewable(app, input.expectedVersion);
        if (app.createdBy === session.userId) throw new DomainError('APPROVER_IS_MAKER');
        const amountFen = input.amountFen ?? app.amountFen;
        if (amountFen > session.approvalLimitFen)
          throw new DomainError('NEEDS_HIGHER_APPROVAL', { limitFen: session.approvalLimitFen, amountFen });
        const product = getProduct(db, app.productId);
        const changed = {
          amountFen,
          periods: input.periods ?? app.periods,
          rateAnnual: input.rateAnnual ?? app.rateAnnual,
        };
        const startDate = currentBusinessDate(db, ctx.now());
        const reassessed = assess(db, app.customerId, product, { ...changed, startDate });
        const failing = reassessed.prechecks.filter(
          (p) => !p.passed && ['AMOUNT_RANGE', 'TERM_RANGE', 'RATE_RANGE', 'RATE_CAP'].includes(p.code),
        );
        if (failing.length > 0) throw new DomainError('APPROVAL_TERMS_INVALID', { checks: failing.map((p) => p.code) });
        const meta = metaOf(ctx);
        const version = applicationEvent(
          db,
          app,
          'ApplicationApproved',
          { ...changed, note: input.note ?? null },
          meta,
        );
        const approved = {
          ...app,
          ...changed,
          status: 'approved',
          assessmentJson: JSON.stringify(reassessed),
          score: reassessed.score?.score ?? app.score,
          grade: reassessed.score?.grade ?? app.grade,
          decidedAt: meta.occurredAt,
          decidedBy: session.userId,
          decisionNote: input.note ?? null,
          version,
        };
        const loanId = createLoan(db, approved, product, session.userId, meta, startDate);
        db.update(applications)
          .set({ ...approved, loanId })
          .where(eq(applications.id, app.id))
          .run();
        return { loanId };
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
    requireReviewable(app, input.expectedVersion);
    if (app.createdBy === session.userId) throw new DomainError('APPROVER_IS_MAKER');
    const meta = metaOf(ctx);
    const version = applicationEvent(
      db,
      app,
      status === 'declined' ? 'ApplicationDeclined' : 'ApplicationReturned',
      { reason: input.reason },
      meta,
    );
    db.update(applications)
      .set({ status, decidedAt: meta.occurredAt, decidedBy: session.userId, decisionNote: input.reason, version })
      .where(eq(applications.id, app.id))
      .run();
    return { status };
  });
}

/** Projectors of the records that are not loans: the organisation, branches, users,
 *  settings, the watch list, customers, products, applications, compliance reviews,
 *  closed days and periods. Each writes exactly what its event says. */
import type { EventEnvelope } from '../../contract/events';
import type { LocalDb } from '../db/connection';
import { refreshBranchLoans } from './loans';
import { snapshotPortfolio } from '../features/monitoring/summaries';
import { refreshOpenTicketClocks } from './tickets';
import { closeBooks } from './books';

type Projector<T extends EventEnvelope['type']> = (db: LocalDb, e: EventEnvelope<T>) => void;

/** `UPDATE table SET a = ?, b = ? WHERE id = ?` from a partial record (camelCase keys). */
function update(db: LocalDb, table: string, id: string, changes: Record<string, unknown>): void {
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return;
  const cols = entries.map(([k]) => `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} = ?`);
  const values = entries.map(([, v]) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v as string | number | null)));
  db.$client.prepare(`UPDATE ${table} SET ${cols.join(', ')} WHERE id = ?`).run(...values, id);
}

function insert(db: LocalDb, table: string, row: Record<string, unknown>): void {
  const keys = Object.keys(row);
  const cols = keys.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  const values = keys.map((k) => {
    const v = row[k];
    return typeof v === 'boolean' ? (v ? 1 : 0) : (v as string | number | null);
  });
  db.$client
    .prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
    .run(...values);
}

export const recordProjectors: {
  OrganisationCreated: Projector<'OrganisationCreated'>;
  BranchCreated: Projector<'BranchCreated'>;
  UserCreated: Projector<'UserCreated'>;
  UserChanged: Projector<'UserChanged'>;
  UserPasswordSet: Projector<'UserPasswordSet'>;
  UserTotpChanged: Projector<'UserTotpChanged'>;
  SettingsChanged: Projector<'SettingsChanged'>;
  WatchlistEntryAdded: Projector<'WatchlistEntryAdded'>;
  CustomerRegistered: Projector<'CustomerRegistered'>;
  CustomerUpdated: Projector<'CustomerUpdated'>;
  ProductDefined: Projector<'ProductDefined'>;
  ProductChanged: Projector<'ProductChanged'>;
  ApplicationSubmitted: Projector<'ApplicationSubmitted'>;
  ApplicationApproved: Projector<'ApplicationApproved'>;
  ApplicationDeclined: Projector<'ApplicationDeclined'>;
  ApplicationReturned: Projector<'ApplicationReturned'>;
  ComplianceFlagReviewed: Projector<'ComplianceFlagReviewed'>;
  DayClosed: Projector<'DayClosed'>;
  PeriodClosed: Projector<'PeriodClosed'>;
} = {
  OrganisationCreated(db, e) {
    insert(db, 'organisation', {
      id: e.aggregateId,
      name: e.payload.name,
      isDemo: e.payload.isDemo,
      createdAt: e.occurredAt,
    });
  },
  BranchCreated(db, e) {
    insert(db, 'branches', {
      id: e.aggregateId,
      code: e.payload.code,
      name: e.payload.name,
      openedOn: e.payload.openedOn,
      createdAt: e.occurredAt,
    });
  },
  UserCreated(db, e) {
    const p = e.payload;
    insert(db, 'users', {
      id: e.aggregateId,
      username: p.username,
      displayName: p.displayName,
      passwordHash: p.passwordHash,
      role: p.role,
      branchId: p.branchId,
      approvalLimitFen: p.approvalLimitFen,
      mustChangePassword: p.mustChangePassword,
      createdAt: e.occurredAt,
      updatedAt: e.occurredAt,
    });
  },
  UserChanged(db, e) {
    update(db, 'users', e.aggregateId, { ...e.payload, updatedAt: e.occurredAt });
  },
  UserPasswordSet(db, e) {
    update(db, 'users', e.aggregateId, {
      passwordHash: e.payload.passwordHash,
      mustChangePassword: e.payload.mustChangePassword,
      updatedAt: e.occurredAt,
    });
  },
  UserTotpChanged(db, e) {
    update(db, 'users', e.aggregateId, { totpSecret: e.payload.secret, totpEnabled: e.payload.enabled });
  },
  SettingsChanged(db, e) {
    db.$client
      .prepare(
        'INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
      )
      .run(e.payload.section, JSON.stringify(e.payload.value), e.occurredAt);
    // Tickets still running follow a new business calendar (or time zone).
    if (e.payload.section === 'calendar' || e.payload.section === 'locale') refreshOpenTicketClocks(db);
  },
  WatchlistEntryAdded(db, e) {
    insert(db, 'watchlist', {
      id: e.aggregateId,
      name: e.payload.name,
      residentId: e.payload.residentId,
      reason: e.payload.reason,
      source: e.payload.source,
      createdBy: e.actorId,
      createdAt: e.occurredAt,
    });
  },
  CustomerRegistered(db, e) {
    const { watchlist, ...p } = e.payload;
    insert(db, 'customers', {
      id: e.aggregateId,
      ...p,
      watchlistJson: watchlist.length > 0 ? JSON.stringify(watchlist) : null,
      branchId: e.branchId,
      createdBy: e.actorId,
      createdAt: e.occurredAt,
      version: e.version,
    });
  },
  CustomerUpdated(db, e) {
    update(db, 'customers', e.aggregateId, { ...e.payload.changes, version: e.version });
  },
  ProductDefined(db, e) {
    const p = e.payload;
    insert(db, 'products', {
      id: e.aggregateId,
      code: p.code,
      name: p.name,
      nameEn: p.nameEn ?? null,
      configJson: JSON.stringify(p.config),
      active: p.active,
      version: e.version,
      updatedAt: e.occurredAt,
    });
  },
  ProductChanged(db, e) {
    const p = e.payload;
    update(db, 'products', e.aggregateId, {
      code: p.code,
      name: p.name,
      nameEn: p.nameEn ?? null,
      configJson: JSON.stringify(p.config),
      active: p.active,
      version: e.version,
      updatedAt: e.occurredAt,
    });
  },
  ApplicationSubmitted(db, e) {
    const p = e.payload;
    const status = p.route === 'autoDeclined' ? 'declined' : p.route === 'autoApproved' ? 'approved' : 'review';
    const decided = status !== 'review';
    insert(db, 'applications', {
      id: e.aggregateId,
      number: p.number,
      customerId: p.customerId,
      productId: p.productId,
      amountFen: p.amountFen,
      periods: p.periods,
      rateAnnual: p.rateAnnual,
      purpose: p.purpose,
      status,
      score: p.assessment.score?.score ?? null,
      grade: p.assessment.score?.grade ?? null,
      assessmentJson: JSON.stringify(p.assessment),
      branchId: e.branchId,
      createdBy: e.actorId ?? 'system',
      submittedAt: e.occurredAt,
      decidedAt: decided ? e.occurredAt : null,
      decidedBy: decided ? 'system' : null,
      decisionNote: null,
      loanId: p.loanId,
      version: e.version,
    });
  },
  ApplicationApproved(db, e) {
    const p = e.payload;
    update(db, 'applications', e.aggregateId, {
      amountFen: p.amountFen,
      periods: p.periods,
      rateAnnual: p.rateAnnual,
      status: 'approved',
      assessmentJson: JSON.stringify(p.assessment),
      score: p.assessment.score?.score ?? null,
      grade: p.assessment.score?.grade ?? null,
      decidedAt: e.occurredAt,
      decidedBy: e.actorId,
      decisionNote: p.note,
      loanId: p.loanId,
      version: e.version,
    });
  },
  ApplicationDeclined(db, e) {
    update(db, 'applications', e.aggregateId, {
      status: 'declined',
      decidedAt: e.occurredAt,
      decidedBy: e.actorId,
      decisionNote: e.payload.reason,
      version: e.version,
    });
  },
  ApplicationReturned(db, e) {
    update(db, 'applications', e.aggregateId, {
      status: 'returned',
      decidedAt: e.occurredAt,
      decidedBy: e.actorId,
      decisionNote: e.payload.reason,
      version: e.version,
    });
  },
  ComplianceFlagReviewed(db, e) {
    update(db, 'compliance_flags', e.aggregateId, {
      reviewedBy: e.actorId,
      reviewedAt: e.occurredAt,
      reviewNote: e.payload.note,
      decision: e.payload.decision,
    });
  },
  DayClosed(db, e) {
    refreshBranchLoans(db, e.payload.branchId, e.payload.date);
    // The dashboards' end-of-day loan book of the branch and money movements of the day.
    snapshotPortfolio(db, e.payload.date, e.payload.branchId);
    insert(db, 'days_closed', {
      branchId: e.payload.branchId,
      businessDate: e.payload.date,
      closedBy: e.actorId,
      closedAt: e.occurredAt,
    });
  },
  PeriodClosed(db, e) {
    // The closing entries of the period (surcharges, into 4103, at a year end into 4104).
    closeBooks(db, e.payload.through);
    insert(db, 'period_closes', { through: e.payload.through, closedBy: e.actorId, closedAt: e.occurredAt });
  },
};

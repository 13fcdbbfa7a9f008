/** The first sync of a large company log into a fresh desktop (issue 14): a new
 *  desktop joins (head office: every branch) and applies every event through the
 *  projectors, in events per second from its first pull request, against the raw
 *  INSERT of the same event rows into a plain table of its own database in the same
 *  run; with the memory peak (RSS of this process, which runs the server too).
 *
 *  The log: the first desktop attaches the demo organisation through the real
 *  server; then the demo's seeded history (BENCH_SYNC_PERSONS, default 500
 *  persons) is multiplied (multiplyLog below) and written into the server's events
 *  table directly in big batches, with the global sequence numbers and the counter
 *  the push would give (the server's re-validation state is not kept for them:
 *  nothing is pushed after). BENCH_FIRST_SYNC_VIA_PUSH=1 sends them through the
 *  server's real push instead (every one re-validated; slow) to prove the log valid.
 *
 *  Size: BENCH_FIRST_SYNC_EVENTS, default 50,000 in `npm run bench` and 1,000,000
 *  with `npm run bench -- --large`. BENCH_FIRST_SYNC_REBUILD=1 (the default
 *  without --large) then times `loandesk rebuild` of the synced desktop. Server:
 *  PGlite, or PostgreSQL 15 with BENCH_FIRST_SYNC_SERVER=postgres. */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { startSyncServer, SETUP_CODE, type SyncServer } from '../tests/support/syncServer';
import { postgresAvailable, startPostgres, type TestPostgres } from '../tests/support/postgres';
import { startApp, type TestApp } from '../tests/support/app';
import { Line } from '../tests/support/line';
import { events as serverEvents, seqCounter, branchDays } from '../src/server/schema';
import { checkpointOf, pushEvents } from '../src/server/push';
import { eventFromRow, type StoredEvent } from '../src/main/events/store';
import type { EventEnvelope } from '../src/contract/events';
import type { TransitEvent } from '../src/contract/sync/protocol';
import { sealEvent } from '../src/main/features/sync/seal';
import { creditCodeCheckChar, residentIdCheckChar } from '../src/core/validation/identity';
import { join as joinCompany, syncConfig } from '../src/main/features/sync/engine';
import { rebuildInPlace } from '../src/main/events/rebuild';
import { company, openCopy, tempFolder } from './company';
import { rawInsertOfEvents, rawWritesOfReplay } from './raw';
import { PROJECTION_TABLES } from '../src/main/projectors/index';
import { trackHttp } from './http-timing';
import { registerScenario, type ScenarioOut } from './registry';

/** The log: a large, realistic company log made quickly: the
 *  demo company's seeded history (every customer, application and loan with all
 *  their events) copied K times side by side, as if K desktops had worked the same
 *  year in the company's branches. Copy 0 is the history itself; copy k gets fresh
 *  ids (every UUID that is not a shared record's: organisation, branches, users,
 *  products, settings, watchlist), its own numbers (C/A/L/T numbers as given by
 *  device 100+k, receipt numbers with the device's suffix), its own resident IDs and credit codes (valid check characters,
 *  same birth dates and sexes), and keeps every amount, date, order and version.
 *  The copies are interleaved event by event in the history's order, and the shared
 *  events (products, settings, the days closed) appear once at their place, so
 *  every copy's events come before the closes of their days. Each event is then
 *  sealed for transit as a desktop would push it. */
/** Aggregates copied with their history; the others are the company's shared records. */
const COPIED_AGGREGATES: ReadonlySet<string> = new Set([
  'customer',
  'application',
  'loan',
  'complianceFlag',
  'ticket',
  'ticketAction',
]);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const NUMBER = /"([CALT])(\d{6})"/g;

function envelopeOf(e: StoredEvent): EventEnvelope {
  const { seq: _seq, status: _status, globalSeq: _globalSeq, ...envelope } = e;
  return envelope as EventEnvelope;
}

/** The UUID `id` takes in copy `k`: its first 15 characters (a v7 id's time and
 *  every id's version) kept, the rest derived from (k, id). */
function copiedUuid(id: string, k: number): string {
  const h = createHash('md5').update(`${k}:${id}`).digest('hex');
  const variant = ((parseInt(h[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${id.slice(0, 15)}${h.slice(0, 3)}-${variant}${h.slice(4, 7)}-${h.slice(7, 19)}`;
}

interface LogMultiplier {
  /** How many events the whole log has (shared once, copied ones K times). */
  total: number;
  copies: number;
  /** The log in order, `batch` transit events at a time. */
  batches: (batch: number) => Generator<TransitEvent[]>;
}

/** The events of `history` (a seeded company's log after its organisation,
 *  branches and users, in its order) multiplied into about `target` events.
 *  `sharedIds`: the ids of records every copy shares (from the events before). */
function multiplyLog(
  history: readonly StoredEvent[],
  sharedIds: ReadonlySet<string>,
  target: number,
  dataKey: Buffer,
): LogMultiplier {
  const shared = new Set(sharedIds);
  for (const e of history)
    if (!COPIED_AGGREGATES.has(e.aggregate)) for (const m of JSON.stringify(e).match(UUID) ?? []) shared.add(m);
  const copiedCount = history.filter((e) => COPIED_AGGREGATES.has(e.aggregate)).length;
  const sharedCount = history.length - copiedCount;
  const copies = Math.max(1, Math.round((target - sharedCount) / Math.max(1, copiedCount)));
  const residentIds = new Set<string>();
  const creditCodes = new Set<string>();
  for (const e of history)
    if (e.type === 'CustomerRegistered') {
      if (e.payload.residentId) residentIds.add(e.payload.residentId);
      if (e.payload.creditCode) creditCodes.add(e.payload.creditCode);
    }

  const newResidentId = (id: string, k: number): string => {
    for (let attempt = 0; ; attempt++) {
      const h = createHash('md5').update(`${k}:${attempt}:${id}`).digest();
      // Province kept, city and county digits (3-6) and the order digits 15-16
      // varied; birth date (7-14) and the sex digit (17) kept.
      const region = String(h.readUInt32BE(0) % 10_000).padStart(4, '0');
      const order = String(h.readUInt16BE(4) % 100).padStart(2, '0');
      const first17 = `${id.slice(0, 2)}${region}${id.slice(6, 14)}${order}${id[16]}`;
      const next = first17 + residentIdCheckChar(first17);
      if (!residentIds.has(next)) {
        residentIds.add(next);
        return next;
      }
    }
  };
  const newCreditCode = (code: string, k: number): string => {
    for (let attempt = 0; ; attempt++) {
      const h = createHash('md5').update(`${k}:${attempt}:${code}`).digest();
      const org = String(h.readUInt32BE(0) % 1_000_000_000).padStart(9, '0');
      const first17 = `${code.slice(0, 8)}${org}`;
      const next = first17 + creditCodeCheckChar(first17);
      if (!creditCodes.has(next)) {
        creditCodes.add(next);
        return next;
      }
    }
  };

  const copy = (e: StoredEvent, k: number): EventEnvelope => {
    const envelope = envelopeOf(e);
    if (k === 0) return envelope;
    const device = String(100 + k);
    const text = JSON.stringify(envelope)
      .replace(UUID, (m) => (shared.has(m) ? m : copiedUuid(m, k)))
      .replace(NUMBER, (_m, letter: string, digits: string) => `"${letter}${device}${digits}"`);
    const out = JSON.parse(text) as EventEnvelope;
    if (out.type === 'CustomerRegistered') {
      const p = out.payload as EventEnvelope<'CustomerRegistered'>['payload'];
      if (p.residentId) p.residentId = newResidentId(p.residentId, k);
      if (p.creditCode) p.creditCode = newCreditCode(p.creditCode, k);
    }
    // A receipt's number is the issuing device's series: copy k is device 100+k.
    if (out.type === 'ReceiptIssued') {
      const p = out.payload as EventEnvelope<'ReceiptIssued'>['payload'];
      p.receiptNumber = `${p.receiptNumber}-${device}`;
    }
    return out;
  };

  return {
    total: sharedCount + copies * copiedCount,
    copies,
    *batches(batch: number) {
      let out: TransitEvent[] = [];
      for (const e of history) {
        const times = COPIED_AGGREGATES.has(e.aggregate) ? copies : 1;
        for (let k = 0; k < times; k++) {
          out.push(sealEvent(dataKey, copy(e, k)));
          if (out.length >= batch) {
            yield out;
            out = [];
          }
        }
      }
      if (out.length > 0) yield out;
    },
  };
}

const PERSONS = Number(process.env.BENCH_SYNC_PERSONS ?? 500);
const LARGE_EVENTS = 1_000_000;
const DEFAULT_EVENTS = 50_000;
const WRITE_BATCH = 1000;
const PUSH_BATCH = 500;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;

type Row = Parameters<typeof eventFromRow>[0];

/** Each account's net (debit - credit) over the loans' journal lines, or over the
 *  company's own (the opening entry and the other shared vouchers, made once). */
function netByAccount(t: TestApp, of: 'loans' | 'company'): Map<string, number> {
  const rows = t.app
    .db()
    .$client.prepare(
      `SELECT account_code AS a, sum(debit_fen - credit_fen) AS n FROM journal_lines WHERE loan_id IS ${of === 'loans' ? 'NOT ' : ''}NULL GROUP BY account_code`,
    )
    .all() as Array<{ a: string; n: number }>;
  return new Map(rows.map((r) => [r.a, r.n]));
}

function logOf(t: TestApp, where = '1 = 1'): StoredEvent[] {
  return (t.app.db().$client.prepare(`SELECT * FROM events WHERE ${where} ORDER BY seq`).all() as Row[]).map(
    eventFromRow,
  );
}

async function firstSync(out: ScenarioOut, server: SyncServer, target: number, rebuildToo: boolean): Promise<void> {
  const c = await company(PERSONS);
  const ports = () => [server.port];
  const cleanups: Array<() => unknown> = [];
  try {
    // The company's first desktop: the organisation, branches and users, attached.
    const d0 = await openCopy(c.orgOnly);
    const line = await Line.open(ports);
    cleanups.push(
      () => d0.cleanup(),
      () => line.close(),
    );
    await d0.call('auth.login', { username: 'admin', password: 'demo1234' }, 'admin');
    await d0.call('sync.attach', { serverUrl: line.url, setupCode: SETUP_CODE }, 'admin');
    const dataKey = Buffer.from(syncConfig(d0.app.db())!.dataKey, 'base64');
    const organisation = logOf(d0);
    const sharedIds = new Set(JSON.stringify(organisation).match(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g) ?? []);
    const known = new Set(organisation.map((e) => e.id));

    // The seeded history after them, multiplied.
    const template = await openCopy(c.seeded);
    const history = logOf(template).filter((e) => !known.has(e.id));
    const templateBalance = netByAccount(template, 'loans');
    const templateCompany = netByAccount(template, 'company');
    template.cleanup();
    const multiplied = multiplyLog(history, sharedIds, target - organisation.length, dataKey);
    const viaPush = process.env.BENCH_FIRST_SYNC_VIA_PUSH === '1';
    out.note(
      `log: the ${fmt(history.length)}-event history of the ${fmt(PERSONS)}-person demo × ${multiplied.copies} copies (fresh ids, numbers, resident IDs), interleaved, sealed, ${viaPush ? "sent through the server's push" : "written into the server's events table directly"}: ${fmt(organisation.length + multiplied.total)} events`,
    );
    const db = server.opened.db;
    let seq = await checkpointOf(db);
    let written = 0;
    const started = performance.now();
    let nextReport = 100_000;
    for (const batch of multiplied.batches(viaPush ? PUSH_BATCH : WRITE_BATCH)) {
      if (viaPush) {
        const results = await pushEvents(db, { id: d0.app.deviceId(), branches: null }, batch);
        const refused = results.filter((r) => r.status === 'rejected');
        if (refused.length > 0)
          throw new Error(`the generated log was refused: ${JSON.stringify(refused.slice(0, 3))}`);
      } else {
        await db.transaction(async (tx) => {
          await tx.insert(serverEvents).values(
            batch.map((e) => ({
              globalSeq: ++seq,
              id: e.id,
              aggregate: e.aggregate,
              aggregateId: e.aggregateId,
              version: e.version,
              kind: e.kind,
              type: e.type,
              schemaVersion: e.schemaVersion,
              payloadJson: JSON.stringify(e.payload),
              actorId: e.actorId,
              deviceId: e.deviceId,
              branchId: e.branchId,
              businessDate: e.businessDate,
              requestId: e.requestId,
              occurredAt: e.occurredAt,
            })),
          );
          for (const e of batch)
            if (e.type === 'DayClosed') {
              const p = e.payload as { branchId: string; date: string };
              await tx
                .insert(branchDays)
                .values({ branchId: p.branchId, lastClosed: p.date })
                .onConflictDoUpdate({ target: branchDays.branchId, set: { lastClosed: p.date } });
            }
          await tx.update(seqCounter).set({ value: seq }).where(eq(seqCounter.id, 1));
        });
      }
      written += batch.length;
      if (written >= nextReport) {
        console.log(
          `  … ${fmt(written)} of ${fmt(multiplied.total)} events made (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
        nextReport += 100_000;
      }
    }
    const checkpoint = await checkpointOf(db);
    out.note(
      `log made in ${((performance.now() - started) / 1000).toFixed(0)} s; the server's checkpoint: ${fmt(checkpoint)}`,
    );

    // The new desktop's first sync.
    const { code } = await d0.call('sync.enrollCode', { branchIds: null }, 'admin');
    const b = await startApp();
    const bLine = await Line.open(ports);
    cleanups.push(
      () => b.cleanup(),
      () => bLine.close(),
    );
    const http = trackHttp();
    cleanups.push(() => http.stop());
    const cpuBefore = process.cpuUsage();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sample = () => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss));
    const sampler = setInterval(sample, 200);
    sampler.unref();
    let reported = 0;
    const t0 = performance.now();
    let joined: { pulled: number };
    try {
      joined = await joinCompany(b.app.db(), b.app.deviceId(), { serverUrl: bLine.url, code }, (p) => {
        sample();
        if (p.pulled - reported >= Math.max(10_000, target / 10) || p.cursor >= p.checkpoint) {
          reported = p.pulled;
          const s = (performance.now() - t0) / 1000;
          console.log(
            `  … ${fmt(p.pulled)} of ${fmt(p.checkpoint)} pulled and applied (${s.toFixed(0)} s, ${fmt(p.pulled / s)}/s, RSS ${mb(process.memoryUsage().rss)})`,
          );
        }
      });
    } finally {
      clearInterval(sampler);
    }
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpuBefore);
    const pullStart = http.firstStart('/v1/sync/pull', t0) ?? t0;
    const held = (
      b.app.db().$client.prepare("SELECT count(*) AS n FROM events WHERE status = 'confirmed'").get() as { n: number }
    ).n;
    if (held !== checkpoint) throw new Error(`the new desktop holds ${held} events of ${checkpoint}`);
    const loans = (b.app.db().$client.prepare('SELECT count(*) AS n FROM loans').get() as { n: number }).n;
    // Each copy is the history with other ids: the loans' books are the copies' sum,
    // the company's own entries (its opening, shared) stand once.
    const balance = netByAccount(b, 'loans');
    const company = netByAccount(b, 'company');
    const off = [
      ...[...balance]
        .filter(([code, net]) => net !== multiplied.copies * (templateBalance.get(code) ?? 0))
        .map(([code, net]) => `${code}: ${net} vs ${multiplied.copies} × ${templateBalance.get(code) ?? 0}`),
      ...[...company]
        .filter(([code, net]) => net !== (templateCompany.get(code) ?? 0))
        .map(([code, net]) => `${code} (company): ${net} vs ${templateCompany.get(code) ?? 0}`),
    ];
    out.note(
      off.length === 0
        ? `the new desktop's loans' books are exactly ${multiplied.copies} × the demo's, its own entries the demo's`
        : `TRIAL BALANCE OFF in ${off.join(', ')}`,
    );

    // The floor: the rows the first sync wrote (the events and every projection row)
    // inserted raw into copies of their tables, the log read.
    const floor = rawWritesOfReplay(b.app.db(), ['events', ...PROJECTION_TABLES.map((table) => table.name)]);
    out.baseline('raw SQLite', {
      name: `read the ${fmt(floor.events)} events, INSERT the ${fmt(floor.rows)} rows the first sync wrote`,
      unit: 'events',
      count: floor.events,
      ms: floor.ms,
    });
    const raw = rawInsertOfEvents(b.app.db());
    out.baseline('raw SQLite, events only', {
      name: `INSERT the same ${fmt(raw.rows)} event rows`,
      unit: 'rows',
      count: raw.rows,
      ms: raw.ms,
    });
    out.row(
      {
        name: 'first sync: join, pull and apply every event',
        unit: 'events',
        count: joined.pulled,
        ms: t1 - pullStart,
      },
      { text: '≤ 3x floor', maxRatio: 3 },
    );
    if (rebuildToo) {
      const started = performance.now();
      const rebuilt = rebuildInPlace(b.app.db());
      out.row({
        name: 'then loandesk rebuild of that synced desktop',
        unit: 'events',
        count: rebuilt,
        ms: performance.now() - started,
      });
    }
    out.note(
      `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s of ${((t1 - t0) / 1000).toFixed(0)} s; the server's share ${((http.serverMs('/v1/sync/pull', pullStart, t1) * 100) / (t1 - pullStart)).toFixed(0)}%; the desktop holds ${fmt(held)} events, ${fmt(loans)} loans; RSS ${mb(rssBefore)} before, peak ${mb(rssPeak)} (process max ${mb(process.resourceUsage().maxRSS * 1024)})`,
    );
  } finally {
    for (const f of cleanups.reverse()) await f();
  }
}

registerScenario({
  name: 'first sync into a fresh desktop',
  run: async (out, options) => {
    const target = Number(process.env.BENCH_FIRST_SYNC_EVENTS ?? (options.large ? LARGE_EVENTS : DEFAULT_EVENTS));
    const onPostgres = process.env.BENCH_FIRST_SYNC_SERVER === 'postgres';
    out.note(`${fmt(target)} events on ${onPostgres ? 'PostgreSQL 15' : 'PGlite'}`);
    let pg: TestPostgres | undefined;
    let server: SyncServer | undefined;
    try {
      if (onPostgres) {
        if (!postgresAvailable()) {
          out.note('skipped: no PostgreSQL (set LOANDESK_TEST_PG_URL or install postgresql-15)');
          return;
        }
        pg = await startPostgres();
        server = await startSyncServer({ databaseUrl: pg.url });
      } else server = await startSyncServer({ dataDir: tempFolder('first-sync') });
      await firstSync(
        out,
        server,
        target,
        (process.env.BENCH_FIRST_SYNC_REBUILD ?? (options.large ? '0' : '1')) === '1',
      );
    } finally {
      await server?.close();
      await pg?.stop();
    }
  },
});

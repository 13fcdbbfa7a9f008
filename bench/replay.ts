/** Replay of the event log (issue 7): `loandesk rebuild` (rebuildInPlace: every
 *  projection emptied and rebuilt from the log in one transaction) and the replay
 *  `loandesk rebuild --verify` makes into a fresh encrypted database, on the
 *  full-size demo company (BENCH_REPLAY_PERSONS, default 2,000 persons), in events
 *  replayed per second against its floor: the log read and the rows the replay writes
 *  (every projection table's) INSERTed raw into copies of their tables with the same
 *  keys and indexes; and, for reference, against the raw INSERT of the event rows
 *  alone into a plain table. The rebuild runs on the log as a desktop never
 *  synced holds it (every event pending) and as a synced one does (every event
 *  confirmed). The fresh replay is then compared table by table with the live one
 *  (it must be equal). */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '../src/main/db/connection';
import { compareTable, rebuildInPlace, replay } from '../src/main/events/rebuild';
import { countLiveEvents } from '../src/main/events/store';
import { PROJECTION_TABLES } from '../src/main/projectors/index';
import { company, openCopy, tempFolder } from './company';
import { rawInsertOfEvents, rawWritesOfReplay } from './raw';
import { registerScenario } from './registry';

const PERSONS = Number(process.env.BENCH_REPLAY_PERSONS ?? 2000);
const REBUILD_TARGET = { text: '≤ 3x floor', maxRatio: 3 };

registerScenario({
  name: `replay of the event log (${PERSONS.toLocaleString('en-US')}-person demo)`,
  run: async (out) => {
    const c = await company(PERSONS);
    const t = await openCopy(c.seeded);
    try {
      const db = t.app.db();
      const events = countLiveEvents(db);
      const floor = rawWritesOfReplay(
        db,
        PROJECTION_TABLES.map((table) => table.name),
      );
      out.baseline('raw SQLite', {
        name: `read the ${events.toLocaleString('en-US')} events, INSERT the ${floor.rows.toLocaleString('en-US')} rows the replay writes`,
        unit: 'events',
        count: floor.events,
        ms: floor.ms,
      });
      const raw = rawInsertOfEvents(db);
      out.baseline('raw SQLite, events only', {
        name: `INSERT the ${events.toLocaleString('en-US')} event rows`,
        unit: 'rows',
        count: raw.rows,
        ms: raw.ms,
      });

      let started = performance.now();
      const inPlace = rebuildInPlace(db);
      out.row(
        {
          name: 'rebuildInPlace (loandesk rebuild), every event pending',
          unit: 'events',
          count: inPlace,
          ms: performance.now() - started,
        },
        REBUILD_TARGET,
      );

      // A synced desktop's log: every event confirmed in its order, as attach leaves it.
      db.$client.prepare("UPDATE events SET status = 'confirmed', global_seq = seq WHERE status = 'pending'").run();
      started = performance.now();
      const synced = rebuildInPlace(db);
      out.row(
        {
          name: 'rebuildInPlace, every event confirmed (a synced desktop)',
          unit: 'events',
          count: synced,
          ms: performance.now() - started,
        },
        REBUILD_TARGET,
      );

      const dir = tempFolder('replay');
      const fresh = openDatabase(join(dir, 'rebuilt.db'), randomBytes(32), { mustExist: false });
      started = performance.now();
      const replayed = replay(db, fresh);
      out.row({
        name: 'replay into a fresh encrypted database (rebuild --verify)',
        unit: 'events',
        count: replayed,
        ms: performance.now() - started,
      });
      const differing = PROJECTION_TABLES.filter((table) => compareTable(db, fresh, table).differences > 0).map(
        (table) => table.name,
      );
      out.note(differing.length === 0 ? 'the fresh replay equals the live tables' : `DIFFERS: ${differing.join(', ')}`);
      fresh.$client.close();
    } finally {
      t.cleanup();
    }
  },
});

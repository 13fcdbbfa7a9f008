/** Raw SQLite baseline: insert a 36-row schedule through a prepared statement in
 *  one transaction, then read it back, on an in-memory database. */
import Database from 'better-sqlite3';
import { registerBenchmark } from './registry';

let db: Database.Database | undefined;
let loanId = 0;

registerBenchmark({
  name: 'raw SQLite: insert + read a 36-row schedule',
  unit: 'schedules',
  baseline: true,
  setup: () => {
    db = new Database(':memory:');
    db.exec(
      'CREATE TABLE schedule_line (loan_id INTEGER, n INTEGER, due_date TEXT, principal_fen INTEGER, interest_fen INTEGER, payment_fen INTEGER, balance_fen INTEGER, PRIMARY KEY (loan_id, n))',
    );
  },
  run: () => {
    const conn = db!;
    const insert = conn.prepare('INSERT INTO schedule_line VALUES (?, ?, ?, ?, ?, ?, ?)');
    const select = conn.prepare('SELECT * FROM schedule_line WHERE loan_id = ? ORDER BY n');
    const batch = 50;
    const write = conn.transaction((first: number) => {
      for (let l = first; l < first + batch; l++) {
        for (let n = 1; n <= 36; n++) insert.run(l, n, '2024-01-15', 27000, 1000, 28000, 1_000_000 - n * 27000);
      }
    });
    const first = loanId;
    loanId += batch;
    write(first);
    for (let l = first; l < first + batch; l++) {
      const rows = select.all(l);
      if (rows.length !== 36) throw new Error('read back fewer rows');
    }
    return batch;
  },
  teardown: () => db?.close(),
});

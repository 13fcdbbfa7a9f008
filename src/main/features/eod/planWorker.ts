/** Worker-thread entry of the end of day's planners (parallel.ts): opens its own
 *  read-only connection to the profile's database and answers each batch of loans
 *  (their rows, as the writer read them) with the loans' refresh steps
 *  (projectors/loans.ts planLoanDay), which the one writer, the main thread, applies. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/connection';
import { planLoanDay, type RefreshStep } from '../../projectors/loans';
import type { LoanFigures } from '../../projectors/quiet';
import { readSettingsSection } from '../settings/store';

export interface PlannerData {
  file: string;
  key: Uint8Array;
}

export interface PlanRequest {
  id: number;
  loans: LoanFigures[];
  date: string;
}

export type PlanReply = { id: number; ok: true; steps: RefreshStep[][] } | { id: number; ok: false; message: string };

const data = workerData as PlannerData;
const db = openDatabase(data.file, Buffer.from(data.key), { mustExist: true, readonly: true });

parentPort!.on('message', (request: PlanRequest) => {
  let reply: PlanReply;
  try {
    // One read transaction: the batch is planned on one state of the database.
    reply = {
      id: request.id,
      ok: true,
      steps: db.$client.transaction(() => {
        const settings = readSettingsSection(db, 'accounting');
        return request.loans.map((loan) => planLoanDay(db, loan, request.date, settings));
      })(),
    };
  } catch (e) {
    reply = { id: request.id, ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(reply);
});

/** The API both sides of the window boundary share: the result envelope and the
 *  `Api` type. `Api` is derived from the main process's one handler map (each
 *  handler's zod input and its run's output), so it is never written twice; this
 *  type-only import is the contract's one edge into src/main, erased at build. */
export type { Api, Method } from '../main/api/registry';

export interface ApiErrorBody {
  code: string;
  details: Record<string, unknown>;
}

/** Tells the transport that this call issued a session id or that the id it
 *  presented is no longer (or never was) a session, so it forgets it. */
export type SessionChange = { issued: string } | { ended: true };

export type ApiResult = ({ ok: true; value: unknown } | { ok: false; error: ApiErrorBody }) & {
  session?: SessionChange;
};

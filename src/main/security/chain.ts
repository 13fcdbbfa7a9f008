/** Keyed, anchored hash chains (the audit log today; any append-only log that
 *  must prove nothing was changed, removed or cut off).
 *
 *  - Each record carries mac = HMAC-SHA256(key, prevMac ‖ 0x1F ‖ body), with a key
 *    derived (HKDF) from the database key per chain. The key is held in memory per
 *    open connection, never in a table, so rewriting the chain needs the database
 *    key and this derivation, not only write access to the rows.
 *  - Verification walks the records in sequence order and reports the first record
 *    whose MAC or link fails and every gap in the sequence numbers.
 *  - The head (last sequence number and MAC) is anchored outside the database, in
 *    the profile folder (chain-heads.json, 0600, itself MACed), after every commit
 *    that extends the chain; a chain that ends before its anchor was cut off, a chain
 *    whose record at the anchored sequence has another MAC was rewritten. */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

export const GENESIS_MAC = '0'.repeat(64);
export const ANCHOR_FILE = 'chain-heads.json';
const SEPARATOR = '\u001f';

interface ChainContext {
  dbKey: Buffer;
  home: string;
  keys: Map<string, Buffer>;
}
const contexts = new WeakMap<Database.Database, ChainContext>();

/** Called when a profile's database is opened: the key chains derive from, and the
 *  folder their heads are anchored in. */
export function registerChainContext(client: Database.Database, dbKey: Buffer, home: string): void {
  contexts.set(client, { dbKey: Buffer.from(dbKey), home, keys: new Map() });
}

function contextOf(client: Database.Database): ChainContext {
  const context = contexts.get(client);
  if (!context) throw new Error('chain: the database was not opened through openDatabase (no chain key)');
  return context;
}

/** The key of one chain (or other keyed digest, by purpose) on this connection. */
export function chainKey(client: Database.Database, purpose: string): Buffer {
  const context = contextOf(client);
  let key = context.keys.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', context.dbKey, Buffer.from('loandesk chains'), `loandesk ${purpose} v1`, 32));
    context.keys.set(purpose, key);
  }
  return key;
}

/** The profile folder the connection's chain heads are anchored in. */
export function anchorHome(client: Database.Database): string {
  return contextOf(client).home;
}

/** A record's MAC from the previous record's MAC and the record's canonical body. */
export function macOf(key: Buffer, prevMac: string, body: string): string {
  return createHmac('sha256', key).update(prevMac, 'utf8').update(SEPARATOR).update(body, 'utf8').digest('hex');
}

/** A short keyed digest (pseudonym) of a value, for what must be recognisable but not readable. */
export function keyedDigest(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 24);
}

export interface ChainRecord {
  seq: number;
  id: string;
  prev: string;
  mac: string;
  body: string;
}

export interface ChainHead {
  seq: number;
  mac: string;
}

export type BreakReason = 'mac' | 'link' | 'gap' | 'truncated' | 'rewritten' | 'anchorInvalid' | 'anchorMissing';

export interface ChainReport {
  ok: boolean;
  /** Records that verified, in order, before the first break. */
  checked: number;
  firstBroken?: { seq: number; id: string; reason: BreakReason };
  /** Missing sequence numbers, as ranges [from, to]. */
  gaps: Array<[number, number]>;
  /** Records from before the chain was keyed (plain SHA-256), all at its start. */
  legacy: number;
  head: ChainHead | null;
  anchor: { status: 'ok' | 'behind' | BreakReason; seq?: number };
}

/** Walks records in sequence order. `legacy` recognises records from before keying
 *  (accepted only before the first keyed record, so none can be added later). */
export function verifyRecords(
  records: Iterable<ChainRecord>,
  key: Buffer,
  legacy?: (prevMac: string, body: string) => string,
): Omit<ChainReport, 'anchor'> {
  let prev = GENESIS_MAC;
  let expectedSeq = 1;
  let checked = 0;
  let legacyCount = 0;
  let keyedSeen = false;
  let firstBroken: ChainReport['firstBroken'];
  const gaps: Array<[number, number]> = [];
  let head: ChainHead | null = null;
  for (const r of records) {
    if (r.seq !== expectedSeq) {
      gaps.push([expectedSeq, r.seq - 1]);
      firstBroken ??= { seq: r.seq, id: r.id, reason: 'gap' };
    }
    expectedSeq = r.seq + 1;
    head = { seq: r.seq, mac: r.mac };
    if (firstBroken) continue;
    if (r.prev !== prev) {
      firstBroken = { seq: r.seq, id: r.id, reason: 'link' };
      continue;
    }
    if (r.mac === macOf(key, prev, r.body)) keyedSeen = true;
    else if (!keyedSeen && legacy && r.mac === legacy(prev, r.body)) legacyCount++;
    else {
      firstBroken = { seq: r.seq, id: r.id, reason: 'mac' };
      continue;
    }
    prev = r.mac;
    checked++;
  }
  return { ok: firstBroken === undefined, checked, firstBroken, gaps, legacy: legacyCount, head };
}

interface AnchorEntry {
  seq: number;
  mac: string;
  at: string;
  /** HMAC of the entry, so the file cannot be edited to match a cut-off chain. */
  seal: string;
}

function sealOf(key: Buffer, chain: string, seq: number, mac: string): string {
  return macOf(key, GENESIS_MAC, `anchor${SEPARATOR}${chain}${SEPARATOR}${seq}${SEPARATOR}${mac}`);
}

function readAnchors(home: string): Record<string, AnchorEntry> {
  const file = join(home, ANCHOR_FILE);
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, AnchorEntry>) : {};
  } catch {
    return {};
  }
}

/** The anchored head of `chain`: null when there is none, 'invalid' when its seal fails. */
export function readAnchor(home: string, chain: string, key: Buffer): ChainHead | null | 'invalid' {
  const entry = readAnchors(home)[chain];
  if (!entry) return null;
  if (typeof entry.seq !== 'number' || typeof entry.mac !== 'string' || typeof entry.seal !== 'string')
    return 'invalid';
  const expected = Buffer.from(sealOf(key, chain, entry.seq, entry.mac));
  const actual = Buffer.from(entry.seal);
  return expected.length === actual.length && timingSafeEqual(expected, actual)
    ? { seq: entry.seq, mac: entry.mac }
    : 'invalid';
}

/** Anchors `head` as the chain's head (atomic write, owner-only). Call after the
 *  commit that extended the chain, never inside its transaction. */
export function writeAnchor(home: string, chain: string, key: Buffer, head: ChainHead, at: string): void {
  const anchors = readAnchors(home);
  anchors[chain] = { seq: head.seq, mac: head.mac, at, seal: sealOf(key, chain, head.seq, head.mac) };
  const file = join(home, ANCHOR_FILE);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(anchors, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** Compares a verified chain with its anchor. `macAt` reads the stored MAC at a
 *  sequence number. A chain longer than its anchor is fine ('behind': the app
 *  stopped between a commit and the anchor's write). */
export function checkAnchor(
  anchor: ChainHead | null | 'invalid',
  head: ChainHead | null,
  macAt: (seq: number) => string | undefined,
): ChainReport['anchor'] {
  if (anchor === 'invalid') return { status: 'anchorInvalid' };
  if (anchor === null) return head === null ? { status: 'ok' } : { status: 'anchorMissing' };
  if (head === null || head.seq < anchor.seq) return { status: 'truncated', seq: anchor.seq };
  const stored = macAt(anchor.seq);
  if (stored !== anchor.mac) return { status: 'rewritten', seq: anchor.seq };
  return { status: head.seq === anchor.seq ? 'ok' : 'behind', seq: anchor.seq };
}

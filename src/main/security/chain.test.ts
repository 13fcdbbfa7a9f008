import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { checkAnchor, GENESIS_MAC, macOf, readAnchor, verifyRecords, writeAnchor, type ChainRecord } from './chain';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);

function chain(bodies: string[], key = KEY, from = 1): ChainRecord[] {
  let prev = GENESIS_MAC;
  return bodies.map((body, i) => {
    const mac = macOf(key, prev, body);
    const r = { seq: from + i, id: `r${from + i}`, prev, mac, body };
    prev = mac;
    return r;
  });
}

describe('keyed chains', () => {
  it('verifies an intact chain and reports its head', () => {
    const records = chain(['a', 'b', 'c']);
    expect(verifyRecords(records, KEY)).toEqual({
      ok: true,
      checked: 3,
      firstBroken: undefined,
      gaps: [],
      legacy: 0,
      head: { seq: 3, mac: records[2]!.mac },
    });
  });
  it('finds a changed body, a chain made with another key, and a missing record', () => {
    const records = chain(['a', 'b', 'c', 'd']);
    expect(verifyRecords([records[0]!, { ...records[1]!, body: 'B' }, ...records.slice(2)], KEY).firstBroken).toEqual({
      seq: 2,
      id: 'r2',
      reason: 'mac',
    });
    expect(verifyRecords(chain(['a', 'b'], OTHER_KEY), KEY).firstBroken?.reason).toBe('mac');
    const gapped = verifyRecords([records[0]!, records[2]!, records[3]!], KEY);
    expect(gapped).toMatchObject({ ok: false, checked: 1, gaps: [[2, 2]], firstBroken: { seq: 3, reason: 'gap' } });
  });
  it('accepts unkeyed records only at the start, before the first keyed one', () => {
    const legacy = (prev: string, body: string) => createHash('sha256').update(`${prev}\u001f${body}`).digest('hex');
    const old = legacy(GENESIS_MAC, 'old');
    const keyed = { seq: 2, id: 'r2', prev: old, mac: macOf(KEY, old, 'new'), body: 'new' };
    expect(
      verifyRecords([{ seq: 1, id: 'r1', prev: GENESIS_MAC, mac: old, body: 'old' }, keyed], KEY, legacy),
    ).toMatchObject({ ok: true, legacy: 1, checked: 2 });
    const forged = { seq: 3, id: 'r3', prev: keyed.mac, mac: legacy(keyed.mac, 'forged'), body: 'forged' };
    expect(
      verifyRecords([{ seq: 1, id: 'r1', prev: GENESIS_MAC, mac: old, body: 'old' }, keyed, forged], KEY, legacy)
        .firstBroken,
    ).toMatchObject({ seq: 3, reason: 'mac' });
  });
  it('anchors a head outside the database and tells a cut-off or rewritten chain', () => {
    const home = mkdtempSync(join(tmpdir(), 'loandesk-chain-'));
    try {
      const records = chain(['a', 'b', 'c']);
      const macAt = (seq: number) => records.find((r) => r.seq === seq)?.mac;
      expect(readAnchor(home, 'audit', KEY)).toBeNull();
      writeAnchor(home, 'audit', KEY, { seq: 3, mac: records[2]!.mac }, '2026-03-02T00:00:00Z');
      const anchor = readAnchor(home, 'audit', KEY);
      expect(anchor).toEqual({ seq: 3, mac: records[2]!.mac });
      expect(readAnchor(home, 'audit', OTHER_KEY)).toBe('invalid');
      expect(checkAnchor(anchor, { seq: 3, mac: records[2]!.mac }, macAt)).toEqual({ status: 'ok', seq: 3 });
      expect(checkAnchor(anchor, { seq: 2, mac: records[1]!.mac }, macAt)).toEqual({ status: 'truncated', seq: 3 });
      expect(checkAnchor(anchor, { seq: 3, mac: 'x' }, () => 'x')).toEqual({ status: 'rewritten', seq: 3 });
      expect(checkAnchor(anchor, { seq: 4, mac: 'y' }, macAt)).toEqual({ status: 'behind', seq: 3 });
      expect(checkAnchor(null, { seq: 1, mac: 'y' }, macAt)).toEqual({ status: 'anchorMissing' });
      expect(checkAnchor(null, null, macAt)).toEqual({ status: 'ok' });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

import {
  healthChecks,
  percentile,
  periodCount,
  periodsOf,
  ratio,
  rollRates,
  vintageCurves,
  type HealthFacts,
  type LoanMonthState,
} from './monitoring';
import { startOfBusinessDate } from './dates';

describe('reporting periods', () => {
  it('cuts a range into days, Monday weeks and calendar months, clipped to the range', () => {
    expect(periodsOf('2026-02-27', '2026-03-02', 'day').map((p) => p.key)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    // 2026-02-25 is a Wednesday; its week began on Monday 2026-02-23.
    expect(periodsOf('2026-02-25', '2026-03-10', 'week')).toEqual([
      { key: '2026-02-23', start: '2026-02-25', end: '2026-03-01' },
      { key: '2026-03-02', start: '2026-03-02', end: '2026-03-08' },
      { key: '2026-03-09', start: '2026-03-09', end: '2026-03-10' },
    ]);
    expect(periodsOf('2025-12-15', '2026-02-10', 'month')).toEqual([
      { key: '2025-12', start: '2025-12-15', end: '2025-12-31' },
      { key: '2026-01', start: '2026-01-01', end: '2026-01-31' },
      { key: '2026-02', start: '2026-02-01', end: '2026-02-10' },
    ]);
  });
  it('counts periods without building them', () => {
    expect(periodCount('2025-12-15', '2026-02-10', 'month')).toBe(3);
    expect(periodCount('2026-02-25', '2026-03-10', 'week')).toBe(3);
    expect(periodCount('2026-01-01', '2026-12-31', 'day')).toBe(365);
  });
});

describe('ratios and percentiles', () => {
  it('gives six-place ratios and zero for an empty whole', () => {
    expect(ratio(1_000_000, 16_000_000)).toBe('0.062500');
    expect(ratio(5, 0)).toBe('0.000000');
  });
  it('takes nearest-rank percentiles', () => {
    const minutes = [0, 0, 0, 5, 30, 60, 120, 180, 240, 600];
    expect(percentile(minutes, 0.5)).toBe(30);
    expect(percentile(minutes, 0.9)).toBe(240);
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('roll rates', () => {
  const s = (bucket: string, fen: number, status = 'active'): LoanMonthState => ({
    status,
    bucket,
    outstandingPrincipalFen: fen,
  });
  it('is the share of each bucket that stood one bucket worse a month later', () => {
    const jan = new Map([
      ['a', s('M0', 100_00)],
      ['b', s('M0', 300_00)],
      ['c', s('M1', 200_00)],
      ['d', s('M4+', 50_00)],
    ]);
    const feb = new Map([
      ['a', s('M1', 95_00)], // rolled M0 -> M1
      ['b', s('M0', 280_00)],
      ['c', s('M0', 0, 'closed')], // paid off: did not roll
      ['d', s('M4+', 0, 'written_off')], // M4+ -> written off
    ]);
    const rates = rollRates('2026-01', jan, feb);
    expect(rates.find((r) => r.from === 'M0')).toMatchObject({
      to: 'M1',
      baseFen: 400_00,
      rolledFen: 100_00,
      rate: '0.250000',
    });
    expect(rates.find((r) => r.from === 'M1')).toMatchObject({
      to: 'M2',
      baseFen: 200_00,
      rolledFen: 0,
      rate: '0.000000',
    });
    expect(rates.find((r) => r.from === 'M4+')).toMatchObject({ to: 'writtenOff', rolledFen: 50_00, rate: '1.000000' });
  });
});

describe('vintage curves', () => {
  it('accumulates the principal of defaulted loans by months on book', () => {
    const curves = vintageCurves(
      [
        { vintage: '2025-10', principalFen: 600_00, defaultMonth: '2026-01' },
        { vintage: '2025-10', principalFen: 400_00, defaultMonth: null },
        { vintage: '2025-12', principalFen: 1000_00, defaultMonth: '2026-02' },
      ],
      '2026-02',
    );
    expect(curves.map((c) => c.vintage)).toEqual(['2025-10', '2025-12']);
    expect(curves[0]!.points.map((p) => p.rate)).toEqual(['0.000000', '0.000000', '0.000000', '0.600000', '0.600000']);
    expect(curves[1]!.points.map((p) => [p.monthsOnBook, p.month, p.defaultedFen])).toEqual([
      [0, '2025-12', 0],
      [1, '2026-01', 0],
      [2, '2026-02', 1000_00],
    ]);
  });
});

describe('health checks', () => {
  const healthy: HealthFacts = {
    today: '2026-03-03',
    businessDate: '2026-03-03',
    lastClosedDay: '2026-03-02',
    hasLoans: true,
    databaseBytes: 50 * 1024 ** 2,
    walBytes: 0,
    freeBytes: 0,
    failedLast7: 2,
    failedPrevious7: 3,
    deniedLast7: 0,
    lastEodMinutes: 1,
    backupFolder: '/backups',
    backupEnabled: true,
    lastBackupAt: '2026-03-03T01:00:00.000Z',
    lastBackupFailed: false,
    backupIntervalHours: 24,
    nowMs: Date.parse('2026-03-03T05:00:00.000Z'),
    reconciliationDifferenceFen: 0,
    eodInterrupted: false,
  };
  it('says all is well when it is', () => {
    expect(healthChecks(healthy).every((c) => c.level === 'ok')).toBe(true);
  });
  it('puts what is wrong first, with the figures the sentence needs', () => {
    const checks = healthChecks({
      ...healthy,
      today: '2026-03-06',
      backupEnabled: false,
      reconciliationDifferenceFen: 100,
      failedLast7: 40,
    });
    expect(checks.slice(0, 3).map((c) => [c.code, c.level])).toEqual([
      ['HEALTH_RECONCILIATION_DIFFERS', 'error'],
      ['HEALTH_EOD_BEHIND', 'error'],
      ['HEALTH_BACKUP_OFF', 'error'],
    ]);
    expect(checks.find((c) => c.code === 'HEALTH_EOD_BEHIND')!.values).toEqual({ days: 3, date: '2026-03-03' });
    expect(checks.find((c) => c.code === 'HEALTH_ERRORS_RISING')!.level).toBe('warning');
  });
  it('says plainly when no end of day has run yet', () => {
    const checks = healthChecks({ ...healthy, lastClosedDay: null });
    expect(checks.find((c) => c.code === 'HEALTH_EOD_NONE')).toMatchObject({
      level: 'ok',
      values: { date: '2026-03-03' },
    });
  });
  it('flags a backup older than twice its interval', () => {
    const stale = healthChecks({ ...healthy, lastBackupAt: '2026-02-28T01:00:00.000Z' });
    expect(stale.find((c) => c.code === 'HEALTH_BACKUP_STALE')!.values).toEqual({ hours: 76 });
  });
});

describe('start of a business date', () => {
  it('is local midnight in the time zone', () => {
    expect(startOfBusinessDate('2026-03-02', 'Asia/Shanghai')).toBe('2026-03-01T16:00:00.000Z');
    expect(startOfBusinessDate('2026-03-02', 'UTC')).toBe('2026-03-02T00:00:00.000Z');
    // New York changes to daylight time on 2026-03-08.
    expect(startOfBusinessDate('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
  });
});

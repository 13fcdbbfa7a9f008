import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../contract/errors';
import { en, zhCN } from './features';
import { errorText } from './i18n';
import { PERMISSIONS } from '../../core/auth/permissions';
import '../testing/messages';

const SRC = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

it('translates every error code in both catalogues', () => {
  const missing = ERROR_CODES.flatMap((code) =>
    [
      ['zh-CN', zhCN],
      ['en', en],
    ].flatMap(([language, catalogue]) =>
      `error.${code}` in (catalogue as Record<string, string>) ? [] : [`${language}: error.${code}`],
    ),
  );
  expect(missing).toEqual([]);
});

it('lists every code the code base raises', () => {
  const raised = new Set<string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/DomainError\(\s*'([A-Z][A-Z0-9_]+)'/g)) raised.add(m[1]!);
  }
  expect(raised.size).toBeGreaterThan(50);
  expect([...raised].filter((code) => !(ERROR_CODES as readonly string[]).includes(code)).sort()).toEqual([]);
});

it('names every permission in both catalogues (the workbench lists them, PERMISSION_DENIED names one)', () => {
  const missing = PERMISSIONS.flatMap((p) =>
    [
      ['zh-CN', zhCN],
      ['en', en],
    ].flatMap(([language, catalogue]) =>
      `perm.${p}` in (catalogue as Record<string, string>) ? [] : [`${language}: perm.${p}`],
    ),
  );
  expect(missing).toEqual([]);
});

it('shows amounts as money, rates as percentages and permissions by name in error messages', () => {
  expect(
    errorText('en', 'PAYOFF_OVER_CAP', {
      annualizedCost: '0.85714286',
      rateCapAnnual: '0.24',
      payoffFen: 1_003_333,
      maxTotalWithinCapFen: 986_533,
    }),
  ).toBe(
    'With this payoff the annualized cost of the actual cash flows is 85.71%, above the cap of 24.00% (payoff ¥10,033.33, at most ¥9,865.33 within the cap): a role allowed to override the cap must record it with a reason.',
  );
  expect(errorText('zh-CN', 'PERMISSION_DENIED', { permission: 'repayments.overrideCap' })).toBe(
    '您的角色无权执行此操作（需要权限：超限结清审批）。',
  );
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../contract/errors';
import { zhCN } from './zh-CN';
import { en } from './en';

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

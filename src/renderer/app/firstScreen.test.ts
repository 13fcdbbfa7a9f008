/** Route splitting, checked on the sources: the login screen's static import graph
 *  (from main.tsx, following every import that is not type-only and no `import()`)
 *  must not reach a page, the route table, the features' messages or a heavy
 *  package, and nothing the renderer imports at all (lazily included) may be main
 *  process code or a Node-only module. bench/startup.ts measures the built bytes. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const RENDERER = resolve(__dirname, '..');
const SRC = resolve(RENDERER, '..');

interface Graph {
  files: Set<string>;
  packages: Set<string>;
}

function resolveLocal(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  if (!found) throw new Error(`cannot resolve ${spec} from ${from}`);
  return found;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** The module specifiers a file loads: static imports and re-exports that are not
 *  type-only, and (when asked) `import()` calls. */
export function importsOf(file: string, dynamic: boolean): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      dynamic &&
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function importGraph(entry: string, dynamic: boolean): Graph {
  const graph: Graph = { files: new Set(), packages: new Set() };
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (graph.files.has(file)) continue;
    graph.files.add(file);
    for (const spec of importsOf(file, dynamic)) {
      if (spec.startsWith('.')) {
        const target = resolveLocal(file, spec);
        if (/\.(ts|tsx)$/.test(target)) stack.push(target);
      } else graph.packages.add(spec.startsWith('node:') ? spec : packageName(spec));
    }
  }
  return graph;
}

const rel = (file: string) => relative(SRC, file);
const MAIN = join(RENDERER, 'main.tsx');

describe('the login screen loads only what it shows', () => {
  const first = importGraph(MAIN, false);
  const files = [...first.files].map(rel);

  it('reaches the login page and the language catalogues it needs', () => {
    expect(files).toContain('renderer/app/LoginPage.tsx');
    expect(files).toContain('renderer/i18n/zh-CN.ts');
    expect(first.packages).toContain('react-dom');
  });

  it('reaches no page, no route table, no main window and no features’ messages', () => {
    const heavy = files.filter(
      (f) =>
        f.startsWith('renderer/pages/') ||
        /\/routes\.tsx$/.test(f) ||
        /^renderer\/app\/(Shell|SetupPage|VaultPages|ChangePasswordPage)\.tsx$/.test(f) ||
        f === 'renderer/i18n/features.ts',
    );
    expect(heavy).toEqual([]);
  });

  it('imports no chart, spreadsheet, QR or decimal library', () => {
    expect([...first.packages].filter((p) => ['recharts', 'exceljs', 'qrcode', 'decimal.js'].includes(p))).toEqual([]);
  });
});

describe('the renderer, with every lazily loaded chunk', () => {
  const all = importGraph(MAIN, true);

  it('includes the pages (the dynamic imports are followed)', () => {
    expect([...all.files].map(rel)).toContain('renderer/pages/loans/LedgersPage.tsx');
    expect([...all.files].map(rel)).toContain('renderer/i18n/features.ts');
  });

  it('holds no main-process code and no Node-only module', () => {
    expect([...all.files].map(rel).filter((f) => f.startsWith('main/') || f.startsWith('server/'))).toEqual([]);
    const nodeOnly = [
      'better-sqlite3',
      'drizzle-orm',
      'fastify',
      'pg',
      '@electric-sql/pglite',
      'keytar',
      'electron',
      'saxes',
      'tsx',
    ];
    expect([...all.packages].filter((p) => p.startsWith('node:') || nodeOnly.includes(p))).toEqual([]);
  });
});

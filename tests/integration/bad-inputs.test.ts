/** Every entry of the hostile-input corpus (tests/fixtures/bad-inputs) against
 *  every write method of the registry, field by field and as the whole input,
 *  called by a role allowed to call it: each must be refused with a coded error
 *  (never INTERNAL), INPUT_INVALID must name the field, no table but the audit log
 *  may change, no session may end, and nothing may reach Object.prototype. */
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { demoApp, type TestApp } from '../support/app';
import { BAD_DATES, BAD_IDS, BAD_INPUTS, type FieldKind } from '../fixtures/bad-inputs';
import { handlers, type Method } from '../../src/main/api/registry';
import { can, type Permission } from '../../src/core/auth/permissions';
import { textRegistry } from '../../src/core/validation/text';
import type { HandlerDef } from '../../src/main/api/handler';

/** Strings that are secrets or raw identifiers (checked by the handler, not a format). */
const OPAQUE_FIELDS = new Set([
  'password',
  'currentPassword',
  'newPassword',
  'initialPassword',
  'adminPassword',
  'passphrase',
  'backupPassphrase',
  'newPassphrase',
  'confirm',
  'confirm',
  'totpCode',
  'residentId',
  'phone',
  'bankCard',
  'creditCode',
]);
const CALLERS = ['manager', 'officer', 'admin', 'agent', 'auditor'] as const;

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  discriminator?: string;
  format?: string;
  checks?: Array<{ _zod: { def: { check: string } } }>;
  values?: unknown[];
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

interface Leaf {
  path: string;
  name: string;
  kind: FieldKind;
  schema: z.ZodType;
  /** May be missing (optional or defaulted) or null. */
  optional: boolean;
  nullable: boolean;
}

/** The schema under optional/nullable/default wrappers, and the wrappers' meaning. */
function unwrap(schema: z.ZodType): { core: z.ZodType; optional: boolean; nullable: boolean; text: boolean } {
  let core = schema;
  let optional = false;
  let nullable = false;
  let text = false;
  for (;;) {
    const def = defOf(core);
    if (textRegistry.has(core)) text = true;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault') optional = true;
    if (def.type === 'nullable') nullable = true;
    if (['optional', 'nullable', 'default', 'prefault'].includes(def.type)) core = def.innerType!;
    else if (def.type === 'pipe') core = def.in!;
    else return { core, optional, nullable, text };
  }
}

function kindOf(name: string, core: z.ZodType, text: boolean): FieldKind | 'freeTextWithoutRule' | 'unknown' {
  const def = defOf(core);
  if (def.type === 'string') {
    if (text) return 'text';
    if (def.format || (def.checks ?? []).some((c) => ['string_format', 'custom'].includes(c._zod.def.check)))
      return 'format';
    return OPAQUE_FIELDS.has(name) ? 'opaque' : 'freeTextWithoutRule';
  }
  if (def.type === 'number') return 'number';
  if (def.type === 'boolean') return 'boolean';
  if (def.type === 'enum' || def.type === 'literal') return 'choice';
  if (def.type === 'array') return 'array';
  if (def.type === 'object') return 'object';
  if (def.type === 'record') return 'record';
  return 'unknown';
}

/** The fields of an object schema, nested objects walked, under `prefix`. */
function leavesOf(shape: Record<string, z.ZodType>, prefix: string[], out: Leaf[]): void {
  for (const [name, schema] of Object.entries(shape)) {
    const { core, optional, nullable, text } = unwrap(schema);
    const kind = kindOf(name, core, text);
    const path = [...prefix, name];
    if (kind === 'freeTextWithoutRule') throw new Error(`${path.join('.')} is free text without the shared text rule`);
    if (kind === 'unknown') throw new Error(`${path.join('.')}: no hostile inputs known for ${defOf(core).type}`);
    out.push({ path: path.join('.'), name, kind, schema, optional, nullable });
    if (kind === 'object') leavesOf(defOf(core).shape!, path, out);
  }
}

/** Each variant of a method's input: the fixed part (a union's discriminator) and its fields. */
function variantsOf(input: z.ZodType): Array<{ base: Record<string, unknown>; leaves: Leaf[]; required: boolean }> {
  const { core } = unwrap(input);
  const def = defOf(core);
  if (def.type === 'union' && def.discriminator) {
    return def.options!.map((option) => {
      const shape = { ...defOf(unwrap(option).core).shape! };
      const literal = defOf(unwrap(shape[def.discriminator!]!).core).values![0];
      delete shape[def.discriminator!];
      const leaves: Leaf[] = [];
      leavesOf(shape, [], leaves);
      const required = leaves.some((l) => !l.optional && !l.path.includes('.'));
      return { base: { [def.discriminator!]: literal }, leaves, required };
    });
  }
  if (def.type !== 'object') throw new Error(`input of type ${def.type}`);
  const leaves: Leaf[] = [];
  leavesOf(def.shape!, [], leaves);
  return [{ base: {}, leaves, required: leaves.some((l) => !l.optional && !l.path.includes('.')) }];
}

/** Puts `value` at a dotted path inside `base` (copies on the way). */
function withValue(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...base, [head!]: value };
  const inner = (base[head!] as Record<string, unknown> | undefined) ?? {};
  return { ...base, [head!]: withValue(inner, rest.join('.'), value) };
}

/** Values for one field: the corpus entries its kind refuses, and for ids and dates
 *  (found by probing with a good value) the strings that only those refuse. */
function valuesFor(leaf: Leaf): Array<{ name: string; value: unknown }> {
  const values = BAD_INPUTS.filter((b) => b.refusedBy.includes(leaf.kind)).map((b) => ({
    name: b.name,
    value: b.value,
  }));
  const { core } = unwrap(leaf.schema);
  // A date or id field takes a good date or id and refuses a short code (which code fields take).
  const only = (good: string) => core.safeParse(good).success && !core.safeParse('AB-12').success;
  // (Account and phone numbers take digits and dashes too, so a date also refuses plain digits.)
  if (leaf.kind === 'format' && only('2026-03-01') && !core.safeParse('12345678').success)
    values.push(...BAD_DATES.map((d) => ({ name: `bad date ${JSON.stringify(d)}`, value: d })));
  if (leaf.kind === 'format' && only(randomUUID()))
    values.push(...BAD_IDS.map((d) => ({ name: `bad id ${JSON.stringify(d)}`, value: d })));
  if (!leaf.nullable) values.push({ name: 'null', value: null });
  return values;
}

/** A digest of every table but the audit log (and the anchor it keeps outside). */
function fingerprint(t: TestApp): string {
  const client = t.app.db().$client;
  const tables = client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'sqlite_sequence') ORDER BY name",
    )
    .all() as Array<{ name: string }>;
  const hash = createHash('sha256');
  for (const { name } of tables) {
    hash.update(name);
    for (const row of client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate())
      hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return hash.digest('hex');
}

interface Issue {
  path: string;
  message: string;
}

// Every method times every entry: minutes on a busy machine (not a timing assert).
it(
  'refuses every hostile input at every write method with a coded error, a field path and no change',
  { timeout: 600_000 },
  async () => {
    const t = await demoApp(...CALLERS);
    try {
      const failures: string[] = [];
      let calls = 0;
      const writeMethods = (Object.entries(handlers) as Array<[Method, HandlerDef<z.ZodType, unknown>]>).filter(
        ([, def]) => def.kind !== 'read',
      );
      expect(writeMethods.length).toBeGreaterThan(30);
      for (const [method, def] of writeMethods) {
        const caller =
          def.access === 'public'
            ? 'nobody'
            : def.access === 'session'
              ? 'officer'
              : CALLERS.find((name) => can(roleOf(name), def.access as Permission));
        if (!caller) throw new Error(`no demo user may call ${method}`);
        const before = fingerprint(t);
        const send = async (what: string, input: unknown, field: Leaf | null) => {
          calls++;
          const result = await t.dispatch(method, input, caller);
          const where = `${method} ${what}`;
          if (result.ok) return void failures.push(`${where}: accepted`);
          const { code, details } = result.error;
          if (code === 'INTERNAL') return void failures.push(`${where}: INTERNAL`);
          if (code !== 'INPUT_INVALID') {
            if (field) failures.push(`${where}: ${code} instead of INPUT_INVALID`);
            return;
          }
          const issues = (details.issues ?? []) as Issue[];
          if (issues.length === 0 || issues.some((i) => typeof i.path !== 'string'))
            return void failures.push(`${where}: INPUT_INVALID without issue paths`);
          if (!field) return;
          const own = issues.filter((i) => i.path === field.path || i.path.startsWith(`${field.path}.`));
          if (own.length === 0) return void failures.push(`${where}: no issue on ${field.path}`);
          if (
            field.kind === 'text' &&
            input !== null &&
            typeof input === 'object' &&
            typeof readAt(input, field.path) === 'string'
          ) {
            if (!own.some((i) => /^TEXT_[A-Z_]+$/.test(i.message)))
              failures.push(`${where}: ${field.path} refused without a TEXT_ code (${own[0]!.message})`);
          }
        };
        for (const variant of variantsOf(def.input)) {
          for (const leaf of variant.leaves) {
            for (const { name, value } of valuesFor(leaf)) {
              await send(`${leaf.path} = ${name}`, withValue(variant.base, leaf.path, value), leaf);
            }
          }
          for (const bad of BAD_INPUTS.filter((b) => b.refusedBy.includes('input'))) {
            const isObject = typeof bad.value === 'object' && bad.value !== null && !Array.isArray(bad.value);
            if (isObject && !variant.required) continue;
            await send(
              `input = ${bad.name}`,
              isObject ? { ...variant.base, ...(bad.value as object) } : bad.value,
              null,
            );
          }
        }
        if (fingerprint(t) !== before) failures.push(`${method}: a table changed`);
        if (caller !== 'nobody' && (await t.call('app.status', {}, caller)).session === null)
          failures.push(`${method}: the caller's session ended`);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(failures).toEqual([]);
      expect(calls).toBeGreaterThan(2_000);
    } finally {
      t.cleanup();
    }
  },
);

function roleOf(username: (typeof CALLERS)[number]) {
  return (
    { manager: 'manager', officer: 'loan_officer', admin: 'admin', agent: 'cs_agent', auditor: 'auditor' } as const
  )[username];
}

function readAt(input: object, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), input);
}

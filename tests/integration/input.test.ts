/** Hostile and careless input at the API: the shared free-text rule on every write,
 *  cross-field checks on products and customers, settings that cannot break the
 *  app, and a transport that answers malformed requests with 4xx, never 500. */
import { demoApp, type TestApp } from '../support/app';
import { readSettings, readSettingsSection } from '../../src/main/features/settings/store';
import { createProduct, registerCustomer, residentId, TEST_PRODUCT } from '../support/lending';
import { serveOverHttp } from '../support/http';
import { createHttpTransport } from '../../src/main/transports/http';
import { request } from 'node:http';

let t: TestApp | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

interface Issue {
  path: string;
  message: string;
  params?: Record<string, unknown>;
}
const issuesOf = (e: { details: Record<string, unknown> }) => e.details.issues as Issue[];

describe('free text', () => {
  it('refuses a bidi-disguised name, NUL, zero-width and lone surrogates with a coded error naming the field', async () => {
    t = await demoApp('officer', 'admin');
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: '\u202Eexe.cod\u202C' }, 'name', 'TEXT_BIDI_CONTROL'],
      [{ address: '北京市\u0000朝阳区' }, 'address', 'TEXT_CONTROL_CHAR'],
      [{ name: '张\u200B三' }, 'name', 'TEXT_INVISIBLE_CHAR'],
      [{ employer: 'bad \uD800 half' }, 'employer', 'TEXT_LONE_SURROGATE'],
      [{ address: '路'.repeat(201) }, 'address', 'TEXT_TOO_LONG'],
    ];
    for (const [overrides, field, code] of cases) {
      const e = await t.fail(
        'customers.registerPerson',
        {
          name: '王五',
          residentId: residentId('1988-06-15', 901),
          phone: '13800139001',
          address: '北京市朝阳区建国路 1 号',
          monthlyIncomeFen: 20_000_00,
          employmentYears: 5,
          consent: true,
          ...overrides,
        },
        'officer',
      );
      expect(e.code).toBe('INPUT_INVALID');
      expect(issuesOf(e)).toEqual([expect.objectContaining({ path: field, message: code })]);
    }
    expect((await t.call('customers.list', {}, 'officer')).total).toBe(0);
    // A display name and a product name go through the same rule.
    const users = await t.call('users.list', {}, 'admin');
    const e = await t.fail('users.update', { userId: users[0]!.id, displayName: 'admin\u202E' }, 'admin');
    expect(issuesOf(e)).toEqual([expect.objectContaining({ path: 'displayName', message: 'TEXT_BIDI_CONTROL' })]);
  });

  it('stores names NFC-normalised and trimmed', async () => {
    t = await demoApp('officer');
    const id = await registerCustomer(t, 'officer', { name: '  Jose\u0301 Li ', address: ' 上海市\u3000黄浦区 ' });
    const customer = await t.call('customers.get', { customerId: id }, 'officer');
    expect(customer.name).toBe('José Li');
    expect(customer.name.normalize('NFC')).toBe(customer.name);
    expect(customer.address).toBe('上海市\u3000黄浦区');
  });

  it('refuses a document whose file name hides its real extension', async () => {
    t = await demoApp('officer', 'admin');
    t.travel('2026-03-02T02:00:00Z');
    const productId = await createProduct(t);
    const customerId = await registerCustomer(t);
    const { loanId } = await t.call(
      'applications.submit',
      { customerId, productId, amountFen: 5_000_00, periods: 6, purpose: '周转' },
      'officer',
    );
    const e = await t.fail(
      'documents.attach',
      { loanId, fileName: '\u202Eexe.cod\u202C', mime: 'text/plain', contentBase64: 'aGVsbG8=' },
      'officer',
    );
    expect(issuesOf(e)).toEqual([expect.objectContaining({ path: 'fileName', message: 'TEXT_BIDI_CONTROL' })]);
    const notBase64 = await t.fail(
      'documents.attach',
      { loanId, fileName: 'a.txt', mime: 'text/plain', contentBase64: 'not base64!' },
      'officer',
    );
    expect(issuesOf(notBase64).map((i) => i.path)).toEqual(['contentBase64']);
    expect(await t.call('documents.list', { loanId: loanId! }, 'officer')).toEqual([]);
  });
});

describe('cross-field checks', () => {
  it('refuses a product whose age range is inverted or whose grace outlasts the shortest term', async () => {
    t = await demoApp('admin');
    const save = (config: Record<string, unknown>) =>
      t!.fail(
        'products.save',
        { code: 'BAD1', name: '坏产品', active: true, config: { ...TEST_PRODUCT, ...config } },
        'admin',
      );
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ minAmountFen: 5_000_00, maxAmountFen: 1_000_00 }, 'config.maxAmountFen', 'RANGE_INVERTED'],
      [{ minPeriods: 12, maxPeriods: 6 }, 'config.maxPeriods', 'RANGE_INVERTED'],
      [
        { minRateAnnual: '0.2', maxRateAnnual: '0.1', defaultRateAnnual: '0.15' },
        'config.maxRateAnnual',
        'RANGE_INVERTED',
      ],
      [{ precheck: { ...TEST_PRODUCT.precheck, minAge: 50, maxAge: 30 } }, 'config.precheck.maxAge', 'RANGE_INVERTED'],
      [{ minPeriods: 3, gracePrincipalPeriods: 3 }, 'config.gracePrincipalPeriods', 'GRACE_TOO_LONG'],
      [{ minPeriods: 3, graceInterestPeriods: 5 }, 'config.graceInterestPeriods', 'GRACE_TOO_LONG'],
    ];
    for (const [config, path, message] of cases) {
      const e = await save(config);
      expect(e.code).toBe('INPUT_INVALID');
      expect(issuesOf(e)).toEqual(expect.arrayContaining([expect.objectContaining({ path, message })]));
    }
    expect(await t.call('products.list', {}, 'admin')).toEqual([]);
  });

  it('refuses a resident ID born after today or more than 100 years ago', async () => {
    t = await demoApp('officer');
    t.travel('2026-03-02T02:00:00Z');
    for (const [birth, code] of [
      ['2026-03-03', 'ID_BIRTH_DATE_FUTURE'],
      ['2030-01-01', 'ID_BIRTH_DATE_FUTURE'],
      ['1925-03-01', 'ID_AGE_OVER_LIMIT'],
    ] as const) {
      const e = await t.fail(
        'customers.registerPerson',
        {
          name: '未来人',
          residentId: residentId(birth, 77),
          phone: '13800139077',
          address: '北京市朝阳区建国路 1 号',
          monthlyIncomeFen: 20_000_00,
          employmentYears: 5,
          consent: true,
        },
        'officer',
      );
      expect(e).toEqual({ code, details: { field: 'residentId' } });
    }
    // Exactly 100 years old is still allowed.
    await registerCustomer(t, 'officer', { residentId: residentId('1926-03-02', 78) });
  });
});

describe('settings', () => {
  it('refuses a time zone that does not exist and unbounded strings', async () => {
    t = await demoApp('admin');
    for (const timeZone of ['Mars/Olympus_Mons', 'Asia/'.padEnd(5000, 'x')]) {
      const e = await t.fail(
        'settings.update',
        { section: 'locale', value: { defaultLanguage: 'zh-CN', timeZone } },
        'admin',
      );
      expect(e.code).toBe('INPUT_INVALID');
      expect(issuesOf(e).map((i) => i.path)).toEqual(['value.timeZone']);
    }
    const ok = await t.call(
      'settings.update',
      { section: 'locale', value: { defaultLanguage: 'en', timeZone: 'Europe/Berlin' } },
      'admin',
    );
    expect(ok.locale.timeZone).toBe('Europe/Berlin');
  });

  it('a bad stored setting never makes status or login fail', async () => {
    t = await demoApp();
    const db = t.app.db().$client;
    db.prepare("INSERT OR REPLACE INTO settings (key, value_json, updated_at) VALUES ('locale', ?, 'x')").run(
      JSON.stringify({ defaultLanguage: 'tlh', timeZone: 'Mars/Olympus_Mons' }),
    );
    db.prepare("INSERT OR REPLACE INTO settings (key, value_json, updated_at) VALUES ('security', ?, 'x')").run(
      '{not json',
    );
    const status = await t.call('app.status', {});
    expect(status.businessDate).toBe('2026-03-02');
    expect(status.settings).toEqual({ idleLockMinutes: 15, defaultLanguage: 'zh-CN' });
    await t.call('auth.login', { username: 'admin', password: 'demo1234' }, 'admin');
    expect((await t.call('settings.get', {}, 'admin')).locale.timeZone).toBe('Asia/Shanghai');
  });

  it('reads settings validated once per stored value, shared frozen, and a changed row anew', async () => {
    t = await demoApp();
    const db = t.app.db();
    const first = readSettings(db);
    expect(readSettings(db).service).toBe(first.service);
    expect(readSettingsSection(db, 'service')).toBe(first.service);
    expect(Object.isFrozen(first.service.teams)).toBe(true);
    expect(() => {
      (first.security as { idleLockMinutes: number }).idleLockMinutes = 1;
    }).toThrow(TypeError);
    db.$client
      .prepare("INSERT OR REPLACE INTO settings (key, value_json, updated_at) VALUES ('security', ?, 'x')")
      .run(JSON.stringify({ ...first.security, idleLockMinutes: 30 }));
    expect(readSettings(db).security.idleLockMinutes).toBe(30);
    expect(readSettings(db).service).toBe(first.service);
  });
});

describe('the HTTP transport', () => {
  it('answers a null body, malformed JSON, a non-object and a malformed URL escape with 400, never 500', async () => {
    t = await demoApp();
    const http = await serveOverHttp(t.app);
    try {
      for (const body of ['null', '{"method":', '[]', '"app.status"', '42', '{"method":null}', '']) {
        expect((await http.post(body)).status, body).toBe(400);
      }
      const badEscape = await fetch(`${http.origin}/%E0%A4%A`);
      expect(badEscape.status).toBe(400);
      const badEscapeApi = await http.post('{}', {}, '/api/invoke?x=%ZZ');
      expect(badEscapeApi.status).toBe(400);
      // The app still answers.
      expect((await http.invoke('app.status')).ok).toBe(true);
    } finally {
      await http.close();
    }
  });

  it('answers an oversized body with 413', async () => {
    t = await demoApp();
    const server = createHttpTransport({
      app: t.app,
      token: 'tok-0123456789',
      port: 0,
      staticDir: '/nonexistent',
      maxBodyBytes: 1024,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const post = (body: string, chunked: boolean) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/api/invoke',
            method: 'POST',
            headers: {
              Host: `127.0.0.1:${port}`,
              Authorization: 'Bearer tok-0123456789',
              'Content-Type': 'application/json',
              ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': Buffer.byteLength(body) }),
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = JSON.stringify({ method: 'app.status', input: { pad: 'x'.repeat(4096) } });
      expect(await post(big, false)).toBe(413);
      expect(await post(big, true)).toBe(413);
      expect(await post(JSON.stringify({ method: 'app.status', input: {} }), false)).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

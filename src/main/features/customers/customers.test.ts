import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { demoApp, type TestApp } from '../../../../tests/support/app';
import { DB_FILE } from '../../security/profile';
import { residentIdCheckChar } from '../../../core/validation';
import { eventsOf } from '../../events/store';
import type { Api } from '../../api/registry';

let t: TestApp | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

/** A valid 18-character resident ID from region, birth date (YYYYMMDD) and sequence. */
function residentId(birth: string, seq: string, region = '110105'): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + residentIdCheckChar(first17);
}

const ID_A = residentId('19850612', '123'); // sequence 123: odd -> male
const ID_B = residentId('19900101', '246'); // even -> female
const CARD = '6222020200112233446';

function person(
  overrides: Partial<Api['customers.registerPerson']['input']> = {},
): Api['customers.registerPerson']['input'] {
  return {
    name: '张伟',
    residentId: ID_A,
    phone: '13812345678',
    address: '北京市朝阳区建国路 88 号',
    employer: '北京某科技有限公司',
    monthlyIncomeFen: 1_200_000,
    monthlyDebtFen: 150_000,
    employmentYears: 6,
    bankCard: CARD,
    consent: true,
    ...overrides,
  };
}

async function auditRows(app: TestApp, action: string) {
  return app.call('audit.list', { action, limit: 50 }, 'auditor');
}

describe('registering a person', () => {
  it('stores the customer with birth date and sex from the ID, a sequential number, consent and an event', async () => {
    t = await demoApp('officer', 'auditor');
    const first = await t.call('customers.registerPerson', person(), 'officer');
    expect(first).toMatchObject({ number: 'C000001', watchlistFlag: 'none', watchlistHits: [] });
    const second = await t.call(
      'customers.registerPerson',
      person({ name: '李娜', residentId: ID_B, phone: '13912345678', bankCard: null }),
      'officer',
    );
    expect(second.number).toBe('C000002');

    const row = t.app.db().$client.prepare('SELECT * FROM customers WHERE id = ?').get(first.id) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({
      birth_date: '1985-06-12',
      sex: 'male',
      resident_id: ID_A,
      consent_at: '2026-03-02T02:00:00.000Z',
      version: 1,
      monthly_income_fen: 1_200_000,
    });
    const female = t.app.db().$client.prepare('SELECT sex, bank_card FROM customers WHERE id = ?').get(second.id);
    expect(female).toEqual({ sex: 'female', bank_card: null });
    const events = eventsOf(t.app.db(), 'customer', first.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'CustomerRegistered',
      version: 1,
      payload: { number: 'C000001', residentId: ID_A },
    });
  });

  it('normalises a lower-case x check digit and spaced card and phone', async () => {
    t = await demoApp('officer');
    const x = '11010519491231002X';
    const r = await t.call(
      'customers.registerPerson',
      person({ residentId: x.toLowerCase(), phone: '+86 138-1234-5678', bankCard: '6222 0202 0011 2233 446' }),
      'officer',
    );
    const row = t.app
      .db()
      .$client.prepare('SELECT resident_id, phone, bank_card, sex FROM customers WHERE id = ?')
      .get(r.id);
    expect(row).toEqual({ resident_id: x, phone: '13812345678', bank_card: CARD, sex: 'female' });
  });

  it.each([
    ['residentId', { residentId: '11010519850612123' }, 'ID_FORMAT'],
    ['residentId', { residentId: `110105198502301230` }, 'ID_BIRTH_DATE'],
    ['residentId', { residentId: ID_A.slice(0, 17) + (ID_A[17] === '0' ? '1' : '0') }, 'ID_CHECK_DIGIT'],
    ['phone', { phone: '12812345678' }, 'PHONE_FORMAT'],
    ['bankCard', { bankCard: '12345' }, 'CARD_FORMAT'],
    ['bankCard', { bankCard: '6222020200112233447' }, 'CARD_CHECKSUM'],
  ] as const)('refuses a bad %s with %s', async (field, overrides, code) => {
    t = await demoApp('officer');
    expect(await t.fail('customers.registerPerson', person(overrides), 'officer')).toEqual({
      code,
      details: { field },
    });
    expect(t.app.db().$client.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
  });

  it('requires recorded consent', async () => {
    t = await demoApp('officer');
    const error = await t.fail('customers.registerPerson', { ...person(), consent: false }, 'officer');
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.details.issues).toEqual([expect.objectContaining({ path: 'consent', message: 'CONSENT_REQUIRED' })]);
  });

  it('refuses a resident ID already on file, naming the customer', async () => {
    t = await demoApp('officer', 'auditor');
    await t.call('customers.registerPerson', person(), 'officer');
    expect(await t.fail('customers.registerPerson', person({ name: '张伟伟' }), 'officer')).toEqual({
      code: 'CUSTOMER_DUPLICATE',
      details: { field: 'residentId', customerNumber: 'C000001' },
    });
    // The refusal is audited, masked: the clear ID is in no audit record.
    const audit = await auditRows(t, 'customers.registerPerson');
    expect(audit.map((a) => a.outcome)).toEqual(['failed', 'ok']);
    expect(JSON.parse(audit[0]!.summaryJson)).toMatchObject({
      error: 'CUSTOMER_DUPLICATE',
      residentId: '1101**********' + ID_A.slice(-4),
    });
    expect(JSON.stringify(audit)).not.toContain(ID_A);
    expect(JSON.stringify(audit)).not.toContain('13812345678');
  });
});

describe('masking and reveal', () => {
  it('lists and shows identifiers masked only, and searches by name, number and last 4 digits', async () => {
    t = await demoApp('officer', 'agent');
    const a = await t.call('customers.registerPerson', person(), 'officer');
    await t.call(
      'customers.registerPerson',
      person({ name: '李娜', residentId: ID_B, phone: '13900001111', bankCard: null }),
      'officer',
    );

    const list = await t.call('customers.list', {}, 'agent');
    expect(list.total).toBe(2);
    const text = JSON.stringify(list);
    for (const clear of [ID_A, ID_B, '13812345678', CARD]) expect(text).not.toContain(clear);
    const zhang = list.rows.find((r) => r.id === a.id)!;
    expect(zhang).toMatchObject({
      residentIdMasked: `1101**********${ID_A.slice(-4)}`,
      phoneMasked: '138****5678',
      bankCardMasked: '**** **** **** 3446',
      age: 40,
      kind: 'person',
    });
    expect(zhang).not.toHaveProperty('birthDate');

    const one = await t.call('customers.get', { customerId: a.id }, 'agent');
    expect(one.residentIdMasked).toBe(zhang.residentIdMasked);
    expect(JSON.stringify(one)).not.toContain(ID_A);

    const names = async (search: string) =>
      (await t!.call('customers.list', { search }, 'agent')).rows.map((r) => r.name);
    expect(await names('张')).toEqual(['张伟']);
    expect(await names('c000002')).toEqual(['李娜']);
    expect(await names('1111')).toEqual(['李娜']);
    expect(await names(ID_A.slice(-4))).toEqual(['张伟']);
    expect(await names('%')).toEqual([]);
    const page = await t.call('customers.list', { limit: 1, offset: 1, sort: 'number', order: 'asc' }, 'agent');
    expect(page).toMatchObject({ total: 2, rows: [{ number: 'C000002' }] });
    expect((await t.call('customers.list', { kind: 'business' }, 'agent')).total).toBe(0);
  });

  it('reveals clear values only to permitted roles, and audits every reveal and refusal', async () => {
    t = await demoApp('officer', 'agent', 'auditor');
    const a = await t.call('customers.registerPerson', person(), 'officer');
    expect(await t.fail('customers.reveal', { customerId: a.id }, 'agent')).toEqual({
      code: 'PERMISSION_DENIED',
      details: { permission: 'customers.reveal' },
    });
    expect(await t.call('customers.reveal', { customerId: a.id }, 'officer')).toEqual({
      customerId: a.id,
      residentId: ID_A,
      phone: '13812345678',
      bankCard: CARD,
    });
    expect(await t.call('customers.reveal', { customerId: a.id, fields: ['phone'] }, 'officer')).toEqual({
      customerId: a.id,
      phone: '13812345678',
    });

    const audit = await auditRows(t, 'customers.reveal');
    expect(audit.map((r) => [r.username, r.outcome])).toEqual([
      ['officer', 'ok'],
      ['officer', 'ok'],
      ['agent', 'denied'],
    ]);
    expect(JSON.parse(audit[0]!.summaryJson)).toEqual({ customerId: a.id, fields: ['phone'] });
    expect(JSON.parse(audit[1]!.summaryJson)).toEqual({
      customerId: a.id,
      fields: ['residentId', 'phone', 'bankCard'],
    });
  });

  it('keeps the customer file encrypted on disk', async () => {
    t = await demoApp('officer');
    await t.call('customers.registerPerson', person({ name: '欧阳明月' }), 'officer');
    t.app.db().$client.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(join(t.home, DB_FILE));
    expect(bytes.includes(Buffer.from('欧阳明月'))).toBe(false);
    expect(bytes.includes(Buffer.from(ID_A))).toBe(false);
    // The check itself can fail: the name is in the database.
    expect(t.app.db().$client.prepare('SELECT count(*) AS n FROM customers WHERE name = ?').get('欧阳明月')).toEqual({
      n: 1,
    });
  });
});

describe('watch-list screening', () => {
  it('registers an exact ID hit flagged, and records a same-name hit with its reason', async () => {
    t = await demoApp('officer', 'agent');
    await t.call(
      'watchlist.add',
      { name: '王五', residentId: ID_A, reason: '法院失信被执行人', source: 'court' },
      'officer',
    );
    await t.call('watchlist.add', { name: '李娜', reason: '制裁名单', source: 'sanctions' }, 'officer');
    expect((await t.fail('watchlist.add', { name: 'x', reason: 'r', source: 's' }, 'agent')).code).toBe(
      'PERMISSION_DENIED',
    );

    const byId = await t.call('customers.registerPerson', person(), 'officer');
    expect(byId.watchlistFlag).toBe('residentId');
    expect(byId.watchlistHits).toEqual([
      expect.objectContaining({ entryName: '王五', match: 'residentId', reason: '法院失信被执行人', source: 'court' }),
    ]);
    const byName = await t.call(
      'customers.registerPerson',
      person({ name: '李 娜', residentId: ID_B, phone: '13900001111' }),
      'officer',
    );
    expect(byName).toMatchObject({
      watchlistFlag: 'name',
      watchlistHits: [{ entryName: '李娜', match: 'name', reason: '制裁名单' }],
    });
    const clean = await t.call(
      'customers.registerPerson',
      person({ name: '赵六', residentId: residentId('19700101', '555'), phone: '13700001111' }),
      'officer',
    );
    expect(clean.watchlistFlag).toBe('none');

    const stored = t.app.db().$client.prepare('SELECT watchlist_json FROM customers WHERE id = ?').get(byId.id) as {
      watchlist_json: string;
    };
    expect(JSON.parse(stored.watchlist_json)).toEqual(byId.watchlistHits);
    expect((await t.call('customers.get', { customerId: byName.id }, 'agent')).watchlistFlag).toBe('name');
    expect((await t.call('customers.list', { watchlistOnly: true }, 'agent')).total).toBe(2);
    expect((await t.call('watchlist.list', {}, 'officer')).map((w) => w.residentIdMasked)).toContain(
      `1101**********${ID_A.slice(-4)}`,
    );
  });
});

describe('updating and business customers', () => {
  it('updates contact and income with the expected version, as a CustomerUpdated event', async () => {
    t = await demoApp('officer');
    const a = await t.call('customers.registerPerson', person(), 'officer');
    expect(
      await t.call(
        'customers.update',
        {
          customerId: a.id,
          expectedVersion: 1,
          phone: '13700002222',
          monthlyIncomeFen: 1_500_000,
          address: '北京市朝阳区建国路 88 号',
        },
        'officer',
      ),
    ).toEqual({
      version: 2,
      changed: ['phone', 'monthlyIncomeFen'],
    });
    expect(
      await t.fail('customers.update', { customerId: a.id, expectedVersion: 1, employer: '别家' }, 'officer'),
    ).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await t.fail('customers.update', { customerId: a.id, expectedVersion: 2, phone: '123' }, 'officer')).toEqual(
      { code: 'PHONE_FORMAT', details: { field: 'phone' } },
    );
    expect(
      (await t.fail('customers.update', { customerId: a.id, expectedVersion: 2, residentId: ID_B }, 'officer')).code,
    ).toBe('INPUT_INVALID');
    expect(
      await t.fail('customers.update', { customerId: a.id, expectedVersion: 2, industry: '餐饮' }, 'officer'),
    ).toEqual({ code: 'CUSTOMER_FIELD_NOT_APPLICABLE', details: { field: 'industry' } });
    const events = eventsOf(t.app.db(), 'customer', a.id);
    expect(events.map((e) => [e.type, e.version])).toEqual([
      ['CustomerRegistered', 1],
      ['CustomerUpdated', 2],
    ]);
    expect(events[1]!.payload).toEqual({ changes: { phone: '13700002222', monthlyIncomeFen: 1_500_000 } });
    expect(
      t.app.db().$client.prepare('SELECT phone, monthly_income_fen, version FROM customers WHERE id = ?').get(a.id),
    ).toEqual({ phone: '13700002222', monthly_income_fen: 1_500_000, version: 2 });
  });

  it('registers a business with a valid credit code and a person as legal representative', async () => {
    t = await demoApp('officer');
    const rep = await t.call('customers.registerPerson', person(), 'officer');
    const business = {
      name: '福州某贸易有限公司',
      creditCode: '91350100M000100Y43',
      legalRepId: rep.id,
      registeredCapitalFen: 100_000_000,
      industry: '批发零售',
      phone: '13812345678',
      address: '福州市鼓楼区',
      consent: true as const,
    };
    expect(
      await t.fail('customers.registerBusiness', { ...business, creditCode: '91350100M000100Y44' }, 'officer'),
    ).toEqual({ code: 'CREDIT_CODE_CHECK', details: { field: 'creditCode' } });
    expect(
      await t.fail(
        'customers.registerBusiness',
        { ...business, legalRepId: '00000000-0000-4000-8000-000000000000' },
        'officer',
      ),
    ).toEqual({ code: 'CUSTOMER_UNKNOWN', details: { field: 'legalRepId' } });
    const b = await t.call('customers.registerBusiness', business, 'officer');
    expect(b.number).toBe('C000002');
    expect(await t.fail('customers.registerBusiness', business, 'officer')).toEqual({
      code: 'CUSTOMER_DUPLICATE',
      details: { field: 'creditCode', customerNumber: 'C000002' },
    });
    expect(
      await t.fail(
        'customers.registerBusiness',
        { ...business, creditCode: '91110000802100433B', legalRepId: b.id },
        'officer',
      ),
    ).toEqual({ code: 'LEGAL_REP_NOT_PERSON', details: { field: 'legalRepId' } });
    const got = await t.call('customers.get', { customerId: b.id }, 'officer');
    expect(got).toMatchObject({
      kind: 'business',
      creditCode: '91350100M000100Y43',
      legalRep: { id: rep.id, number: 'C000001', name: '张伟' },
      residentIdMasked: null,
    });
  });
});

const CSV_HEADER_ZH = '姓名,身份证号,手机号,地址,工作单位,月收入（元）,月负债,工作年限,银行卡号';

function csvBase64(lines: string[], bom = true): string {
  return Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, 'utf8').toString('base64');
}

describe('import', () => {
  const goodLines = [
    CSV_HEADER_ZH,
    `王芳,${residentId('19880808', '222')},13800000001,"上海市浦东新区世纪大道 1 号, 2 楼",某银行,"12,000.50",2000,5,${CARD}`,
    `刘洋,${residentId('19920315', '111')},13800000002,上海市徐汇区,,8000,,3,`,
  ];

  it('imports nothing when one row is bad, and reports the row and the field', async () => {
    t = await demoApp('officer');
    const lines = [...goodLines, `陈静,${residentId('19950101', '333')},1380000000,杭州市西湖区,,6000,0,2,`];
    const report = await t.call(
      'customers.import',
      { fileName: '客户.csv', contentBase64: csvBase64(lines), consent: true },
      'officer',
    );
    expect(report).toMatchObject({ ok: false, imported: 0, failedRows: 1 });
    expect(report.rows.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect(report.rows[2]!.errors).toEqual([{ field: 'phone', code: 'PHONE_FORMAT' }]);
    expect(t.app.db().$client.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
  });

  it('reports duplicates inside the file and against the customers on file', async () => {
    t = await demoApp('officer');
    await t.call('customers.registerPerson', person(), 'officer');
    const dup = goodLines[1]!.replace('王芳', '王芳芳');
    const lines = [...goodLines, dup, `张伟,${ID_A},13800000009,北京,,9000,0,1,`];
    const report = await t.call(
      'customers.import',
      { fileName: 'c.csv', contentBase64: csvBase64(lines, false), dryRun: true },
      'officer',
    );
    expect(report.rows[2]).toMatchObject({
      row: 4,
      ok: false,
      errors: [{ field: 'residentId', code: 'IMPORT_DUPLICATE_IN_FILE', details: { otherRow: 2 } }],
    });
    expect(report.rows[3]).toMatchObject({
      row: 5,
      ok: false,
      errors: [{ field: 'residentId', code: 'CUSTOMER_DUPLICATE', details: { customerNumber: 'C000001' } }],
    });
  });

  it('dry-runs then imports a good CSV (Chinese headers, BOM, quoted fields) in full', async () => {
    t = await demoApp('officer', 'auditor');
    const input = { fileName: 'customers.csv', contentBase64: csvBase64(goodLines) };
    const dry = await t.call('customers.import', { ...input, dryRun: true }, 'officer');
    expect(dry).toMatchObject({ ok: true, imported: 0, dryRun: true });
    expect(t.app.db().$client.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
    expect((await t.fail('customers.import', input, 'officer')).code).toBe('INPUT_INVALID'); // consent
    const done = await t.call('customers.import', { ...input, consent: true }, 'officer');
    expect(done).toMatchObject({ ok: true, imported: 2 });
    const rows = t.app
      .db()
      .$client.prepare(
        'SELECT number, name, address, monthly_income_fen, monthly_debt_fen, employer, bank_card FROM customers ORDER BY number',
      )
      .all();
    expect(rows).toEqual([
      {
        number: 'C000001',
        name: '王芳',
        address: '上海市浦东新区世纪大道 1 号, 2 楼',
        monthly_income_fen: 1_200_050,
        monthly_debt_fen: 200_000,
        employer: '某银行',
        bank_card: CARD,
      },
      {
        number: 'C000002',
        name: '刘洋',
        address: '上海市徐汇区',
        monthly_income_fen: 800_000,
        monthly_debt_fen: 0,
        employer: null,
        bank_card: null,
      },
    ]);
    const audit = await auditRows(t, 'customers.import');
    expect(audit.map((a) => JSON.parse(a.summaryJson) as unknown)).toEqual([
      { fileName: 'customers.csv', dryRun: false, rows: 2, failedRows: 0, imported: 2 },
      expect.objectContaining({ error: 'INPUT_INVALID' }),
      { fileName: 'customers.csv', dryRun: true, rows: 2, failedRows: 0, imported: 0 },
    ]);
  });

  it('imports a good XLSX with English headers, text and numeric cells', async () => {
    t = await demoApp('officer');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Customers');
    sheet.addRow([
      'name',
      'residentId',
      'phone',
      'address',
      'employer',
      'monthlyIncome',
      'monthlyDebt',
      'employmentYears',
      'bankCard',
    ]);
    sheet.addRow([
      'Zhou Jie',
      residentId('19800202', '444'),
      13800000011,
      'Shenzhen',
      'Tencent',
      30000,
      5000,
      10,
      CARD,
    ]);
    sheet.addRow(['吴敏', residentId('19790707', '019'), '13800000012', '广州市天河区', null, '7500.5', null, 4, null]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await t.call(
      'customers.import',
      { fileName: 'customers.xlsx', contentBase64: bytes.toString('base64'), consent: true },
      'officer',
    );
    expect(report).toMatchObject({ ok: true, imported: 2 });
    const rows = t.app
      .db()
      .$client.prepare('SELECT name, phone, monthly_income_fen, employment_years FROM customers ORDER BY number')
      .all();
    expect(rows).toEqual([
      { name: 'Zhou Jie', phone: '13800000011', monthly_income_fen: 3_000_000, employment_years: 10 },
      { name: '吴敏', phone: '13800000012', monthly_income_fen: 750_050, employment_years: 4 },
    ]);
  });

  it('flags an 18-digit ID stored as a number in Excel, and refuses a file without the required columns', async () => {
    t = await demoApp('officer');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('S');
    sheet.addRow(['姓名', '身份证号', '手机号', '地址', '月收入', '工作年限']);
    sheet.addRow(['孙丽', Number(residentId('19800202', '444').slice(0, 17)) * 10, '13800000011', '深圳', 1000, 1]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await t.call(
      'customers.import',
      { fileName: 'a.xlsx', contentBase64: bytes.toString('base64'), dryRun: true },
      'officer',
    );
    expect(report.rows[0]!.errors).toEqual([{ field: 'residentId', code: 'IMPORT_NUMERIC_CELL' }]);
    const missing = await t.fail(
      'customers.import',
      { fileName: 'b.csv', contentBase64: csvBase64(['姓名,手机号', '张三,13800000001']), dryRun: true },
      'officer',
    );
    expect(missing).toEqual({
      code: 'IMPORT_COLUMNS_MISSING',
      details: { field: 'file', columns: ['residentId', 'address', 'monthlyIncome', 'employmentYears'] },
    });
  });
});

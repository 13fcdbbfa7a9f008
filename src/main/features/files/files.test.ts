/** files.capabilities and files.save through the registry: browser mode has no
 *  native save; with the host's save injected, a logged-in user's bytes and a safe
 *  name reach it, and nobody else's do. */
import { startApp, type TestApp } from '../../../../tests/support/app';
import type { SaveRequest } from './host';
import { safeFileName } from './host';

let t: TestApp | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('saving files through the host', () => {
  it('offers no native save in browser mode and refuses files.save there', async () => {
    t = await startApp();
    await t.call('setup.createDemo', {});
    await t.call('auth.login', { username: 'officer', password: 'demo1234' });
    expect(await t.call('files.capabilities', {})).toEqual({ nativeSave: false });
    expect((await t.fail('files.save', { fileName: 'a.csv', base64: 'YQ==' })).code).toBe('NATIVE_SAVE_UNAVAILABLE');
  });

  it('hands the decoded bytes and a safe name to the host, for a logged-in user only', async () => {
    const requests: SaveRequest[] = [];
    t = await startApp({
      host: {
        saveFile: async (request) => {
          requests.push(request);
          return requests.length === 1
            ? { saved: true, path: `/home/u/Documents/${request.fileName}` }
            : { saved: false };
        },
      },
    });
    await t.call('setup.createDemo', {});
    expect(await t.call('files.capabilities', {})).toEqual({ nativeSave: true });
    const bytes = Buffer.from('贷款编号,客户\r\n', 'utf8');
    expect((await t.fail('files.save', { fileName: 'x.csv', base64: bytes.toString('base64') })).code).toBe(
      'NOT_AUTHENTICATED',
    );
    await t.call('auth.login', { username: 'officer', password: 'demo1234' });
    expect(await t.call('files.save', { fileName: '../台账:贷款?.csv', base64: bytes.toString('base64') })).toEqual({
      saved: true,
      path: '/home/u/Documents/_台账_贷款_.csv',
    });
    expect(requests[0]!.data.equals(bytes)).toBe(true);
    expect(await t.call('files.save', { fileName: 'b.csv', base64: 'YQ==' })).toEqual({ saved: false });
    expect((await t.fail('files.save', { fileName: 'c.csv', base64: 'not base64!' })).code).toBe('INPUT_INVALID');
    expect(requests).toHaveLength(2);
  });

  it('makes names safe on every OS', () => {
    expect(safeFileName('台账-贷款-2026-12-01.xlsx')).toBe('台账-贷款-2026-12-01.xlsx');
    expect(safeFileName('a/b\\c<d>e|f*g"h.pdf')).toBe('a_b_c_d_e_f_g_h.pdf');
    expect(safeFileName('..hidden.txt.. ')).toBe('hidden.txt');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('...')).toBe('loandesk-file');
    expect(safeFileName('a\u0000b\nc.txt')).toBe('a_b_c.txt');
  });
});

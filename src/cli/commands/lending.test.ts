import { main } from '../index';
import type { CliIo } from '../types';

function capture(stdin = ''): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => stdin, env: {} }, out, err };
}

describe('loandesk schedule', () => {
  it('prints the 888.49 example as JSON with yuan strings', async () => {
    const c = capture();
    const code = await main(
      [
        'schedule',
        '--principal',
        '10000',
        '--annual-rate',
        '12',
        '--periods',
        '12',
        '--method',
        'annuity',
        '--start',
        '2022-11-01',
        '--json',
      ],
      c.io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(c.out.join(''));
    // Standard 等额本息 example: 10000 yuan, 12 months, 12% -> 888.49 a month.
    expect(json.installments[0]).toEqual({
      n: 1,
      dueDate: '2022-12-01',
      principal: '788.49',
      interest: '100.00',
      payment: '888.49',
      balance: '9211.51',
    });
    expect(json.totals.principal).toBe('10000.00');
    expect(json.annualizedRate.nominal).toMatch(/^11\.99\d{4}$|^12\.00\d{4}$/);
    expect(json.annualizedRate.effective).toMatch(/^12\.68\d{4}$/); // (1.01)^12 - 1 = 12.6825%
  });
  it('prints a readable table without --json', async () => {
    const c = capture();
    expect(
      await main(
        [
          'schedule',
          '--principal',
          '5000',
          '--annual-rate',
          '12',
          '--periods',
          '3',
          '--method',
          'equal-principal',
          '--start',
          '2024-01-01',
        ],
        c.io,
      ),
    ).toBe(0);
    expect(c.out.join('\n')).toContain('1666.66');
  });
  it.each([
    [['--principal', '-5'], 'principal'],
    [['--periods', '0'], 'periods'],
    [['--method', 'balloon'], 'method'],
    [['--start', '2023-02-30'], 'start'],
    [['--first-due', '2024-01-01'], 'first-due'],
    [['--day-count', 'act/366'], 'day-count'],
  ])('bad input %j exits 2 naming --%s', async (override, flag) => {
    const args: Record<string, string> = {
      '--principal': '5000',
      '--annual-rate': '12',
      '--periods': '6',
      '--method': 'annuity',
      '--start': '2024-01-15',
    };
    for (let i = 0; i < override.length; i += 2) args[override[i]!] = override[i + 1]!;
    const c = capture();
    expect(await main(['schedule', ...Object.entries(args).flat()], c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toContain(`--${flag}`);
  });
});

describe('loandesk apr', () => {
  it('XIRR of the Excel documentation example', async () => {
    const c = capture();
    const flows = [
      '2008-01-01:-10000',
      '2008-03-01:2750',
      '2008-10-30:4250',
      '2009-02-15:3250',
      '2009-04-01:2750',
    ].flatMap((f) => ['--flow', f]);
    expect(await main(['apr', ...flows, '--method', 'xirr', '--json'], c.io)).toBe(0);
    expect(JSON.parse(c.out.join('')).annualRate).toBe('37.336253'); // Excel: 0.373362535
  });
  it('Reg Z Appendix J (c)(5)(i): 1000 -> 1080 after 255 days is 11.45%', async () => {
    const c = capture();
    expect(await main(['apr', '--flow', '1978-01-03:-1000', '--flow', '1978-09-15:1080', '--json'], c.io)).toBe(0);
    expect(JSON.parse(c.out.join('')).annualRate.slice(0, 5)).toBe('11.45');
  });
  it('a malformed flow exits 2 naming --flow', async () => {
    const c = capture();
    expect(await main(['apr', '--flow', '2024-01-01:-1000', '--flow', '2024-02-31:100'], c.io)).toBe(2);
    expect(c.err[0]).toContain('--flow');
  });
});

describe('loandesk validate', () => {
  it('checks IDs given as arguments', async () => {
    const c = capture();
    expect(await main(['validate', 'id', '11010519491231002X', '--json'], c.io)).toBe(0);
    expect(JSON.parse(c.out.join(''))).toEqual([
      { value: '11010519491231002X', valid: true, birthDate: '1949-12-31', sex: 'female' },
    ]);
  });
  it('reads values from stdin and exits 1 when one is invalid', async () => {
    const c = capture('13812345678\n12345\n');
    expect(await main(['validate', 'phone', '--json'], c.io)).toBe(1);
    expect(JSON.parse(c.out.join(''))).toEqual([
      { value: '13812345678', valid: true },
      { value: '12345', valid: false, code: 'PHONE_FORMAT' },
    ]);
  });
  it('an unknown kind is a usage error', async () => {
    const c = capture();
    expect(await main(['validate', 'passport', 'X'], c.io)).toBe(2);
  });
});

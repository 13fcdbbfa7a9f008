/** Makes the profile the servicing screenshots show (`node --import tsx
 *  tests/e2e/servicing-profile.ts <home> <passphrase>`), through the API under a
 *  clock that runs from 2026-01-05 to 2026-05-20, and prints the loans' ids as JSON:
 *  a loan whose penalty reached the red line, one paid off above the cap with a
 *  manager's override (backdated), one paid as agreed with a principal prepayment, and one
 *  disbursed a week ago whose payoff today would pass the cap. */
import { startApp } from '../support/app';
import { closeDaysThrough, openLoan, setDate } from '../support/servicing';
import { addDays } from '../../src/core/dates';

const [home, passphrase] = process.argv.slice(2);
if (!home || !passphrase) throw new Error('usage: servicing-profile.ts <home> <passphrase>');

// The demo company without its generated history: these loans are the story.
process.env.LOANDESK_DEMO_CUSTOMERS = '0';
const t = await startApp({ home, passphrase });
try {
  await t.call('setup.createDemo', {});
  for (const username of ['admin', 'officer', 'officer2', 'manager'])
    await t.call('auth.login', { username, password: 'demo1234' }, username);
  setDate(t, '2026-01-05');
  const settings = await t.call('settings.get', {}, 'admin');
  await t.call(
    'settings.update',
    { section: 'lending', value: { ...settings.lending, redLineAnnual: '0.3' } },
    'admin',
  );

  // 23 % with a x5 penalty multiplier, never repaid.
  const bounded = await openLoan(t, {
    config: { defaultRateAnnual: '0.23', penaltyMultiplier: '5' },
    amountFen: 12_000_00,
    periods: 3,
  });
  // A 2 % upfront fee, paid off after ten days (booked five days later), above the cap.
  const overridden = await openLoan(t, { config: { upfrontFeeRate: '0.02' }, amountFen: 12_000_00, periods: 12 });
  // An ordinary loan: installment 1 on its due date, 3 000.00 of principal prepaid on 03-02.
  const ordinary = await openLoan(t, { amountFen: 30_000_00, periods: 12 });

  await closeDaysThrough(t, '2026-01-19');
  const quote = await t.call('loans.payoffQuote', { loanId: overridden.loanId, date: '2026-01-15' }, 'manager');
  await t.call(
    'repayments.record',
    {
      loanId: overridden.loanId,
      amountFen: quote.totalFen,
      valueDate: '2026-01-15',
      channel: 'bank',
      capOverrideReason: '客户出国，经理批准提前结清 moving abroad, approved by the manager',
    },
    'manager',
  );

  const first = (await t.call('loans.get', { loanId: ordinary.loanId }, 'officer')).installments[0]!;
  await closeDaysThrough(t, '2026-02-04');
  await t.call(
    'repayments.record',
    { loanId: ordinary.loanId, amountFen: first.paymentFen, valueDate: '2026-02-05', channel: 'bank' },
    'officer',
  );
  await closeDaysThrough(t, '2026-03-01');
  await t.call(
    'repayments.record',
    { loanId: ordinary.loanId, amountFen: 3_000_00, valueDate: '2026-03-02', channel: 'cash', intent: 'principal' },
    'officer',
  );
  await closeDaysThrough(t, '2026-03-04');
  await t.call(
    'repayments.record',
    { loanId: ordinary.loanId, amountFen: first.paymentFen, valueDate: '2026-03-05', channel: 'bank' },
    'officer',
  );

  for (const n of [3, 4]) {
    const due = (await t.call('loans.get', { loanId: ordinary.loanId }, 'officer')).installments.find(
      (i) => i.n === n,
    )!;
    await closeDaysThrough(t, addDays(due.dueDate, -1));
    await t.call(
      'repayments.record',
      { loanId: ordinary.loanId, amountFen: due.paymentFen, valueDate: due.dueDate, channel: 'bank' },
      'officer',
    );
  }

  await closeDaysThrough(t, '2026-05-11');
  const recent = await openLoan(t, { config: { upfrontFeeRate: '0.02' }, amountFen: 12_000_00, periods: 12 });
  await closeDaysThrough(t, '2026-05-19');
  console.log(
    JSON.stringify({
      bounded: bounded.loanId,
      overridden: overridden.loanId,
      ordinary: ordinary.loanId,
      recent: recent.loanId,
    }),
  );
} finally {
  t.app.close();
}

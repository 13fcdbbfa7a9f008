/** Makes the profile the documents journeys and screenshots use (`node --import tsx
 *  tests/e2e/documents-profile.ts <home> <passphrase>`), through the API under a
 *  clock from 2026-01-05 to 2026-03-20, and prints the loans' ids as JSON: one with
 *  its first installment paid, one paid off (its certificate: an installment in cash,
 *  then the payoff), one never paid (its overdue notice), and the documents settings
 *  filled in. */
import { startApp } from '../support/app';
import { closeDaysThrough, openLoan, setDate } from '../support/servicing';

const [home, passphrase] = process.argv.slice(2);
if (!home || !passphrase) throw new Error('usage: documents-profile.ts <home> <passphrase>');

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
    {
      section: 'documents',
      value: {
        ...settings.documents,
        payeeName: '演示小贷有限公司',
        payeeAccount: '6222 0210 0100 2345 678',
        payeeBank: '中国工商银行北京建国门支行',
        counterAddress: '北京市东城区建国门内大街 8 号 1 层',
        servicePhone: '010-6512 3456',
      },
    },
    'admin',
  );
  const ordinary = await openLoan(t, { amountFen: 30_000_00, periods: 12 });
  const paidOff = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
  const overdue = await openLoan(t, { amountFen: 20_000_00, periods: 6 });

  const first = (await t.call('loans.get', { loanId: ordinary.loanId }, 'officer')).installments[0]!;
  await closeDaysThrough(t, '2026-02-04');
  await t.call(
    'repayments.record',
    { loanId: ordinary.loanId, amountFen: first.paymentFen, valueDate: '2026-02-05', channel: 'bank' },
    'officer',
  );
  const first2 = (await t.call('loans.get', { loanId: paidOff.loanId }, 'officer')).installments[0]!;
  await t.call(
    'repayments.record',
    { loanId: paidOff.loanId, amountFen: first2.paymentFen, valueDate: '2026-02-05', channel: 'cash' },
    'officer',
  );
  await closeDaysThrough(t, '2026-03-01');
  const quote = await t.call('loans.payoffQuote', { loanId: paidOff.loanId, date: '2026-03-02' }, 'officer');
  await t.call(
    'repayments.record',
    { loanId: paidOff.loanId, amountFen: quote.totalFen, valueDate: '2026-03-02', channel: 'bank' },
    'officer',
  );
  await closeDaysThrough(t, '2026-03-19');
  console.log(JSON.stringify({ ordinary: ordinary.loanId, paidOff: paidOff.loanId, overdue: overdue.loanId }));
} finally {
  t.app.close();
}

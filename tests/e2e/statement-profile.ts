/** Makes the profile the statement-import journey uses (`node --import tsx
 *  tests/e2e/statement-profile.ts <home> <passphrase>`): the demo company without
 *  its generated history and three loans disbursed today (the system clock's
 *  day), and prints their numbers as JSON. */
import { startApp } from '../support/app';
import { openLoan } from '../support/servicing';

const [home, passphrase] = process.argv.slice(2);
if (!home || !passphrase) throw new Error('usage: statement-profile.ts <home> <passphrase>');

process.env.LOANDESK_DEMO_CUSTOMERS = '0';
const t = await startApp({ home, passphrase });
try {
  await t.call('setup.createDemo', {});
  t.travel(new Date().toISOString());
  for (const username of ['admin', 'officer', 'officer2', 'manager'])
    await t.call('auth.login', { username, password: 'demo1234' }, username);
  const numbers: string[] = [];
  let businessDate = '';
  for (let i = 0; i < 3; i++) {
    const { loanId } = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    const detail = await t.call('loans.get', { loanId }, 'officer');
    numbers.push(detail.loan.number);
    businessDate = detail.businessDate;
  }
  console.log(JSON.stringify({ numbers, businessDate }));
} finally {
  t.app.close();
}

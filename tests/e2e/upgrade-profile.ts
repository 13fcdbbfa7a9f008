/** Makes a profile whose tables an earlier format of the log made (`node --import
 *  tsx tests/e2e/upgrade-profile.ts <home> <passphrase>`): the demo company with
 *  LOANDESK_DEMO_CUSTOMERS persons (300 by default: some 3,200 events, a few seconds
 *  of the rebuild), marked as format 6. */
import { startApp } from '../support/app';

const [home, passphrase] = process.argv.slice(2);
if (!home || !passphrase) throw new Error('usage: upgrade-profile.ts <home> <passphrase>');

process.env.LOANDESK_DEMO_CUSTOMERS ??= '300';
const t = await startApp({ home, passphrase });
await t.call('setup.createDemo', {});
const db = t.app.db();
db.$client.prepare("UPDATE local_state SET value_json = '6' WHERE key = 'eventlog.format'").run();
t.app.close();

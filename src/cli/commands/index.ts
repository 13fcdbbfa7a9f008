import type { CliCommand } from '../types';
import { aprCommand } from './apr';
import { scheduleCommand } from './schedule';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';
import { eodCommand } from './eod';
import { exportCommand } from './export';
import { seedCommand } from './seed';
import { trialBalanceCommand } from './trialBalance';
import { statementsCommand } from './statements';
import { rebuildCommand } from './rebuild';
import { syncCommand } from './sync';
import { reportCommand } from './report';
import { backupCommand, restoreCommand } from './backup';
import { benchCommand } from './bench';
import { importStatementCommand } from './importStatement';

/** Every `loandesk` command, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  scheduleCommand,
  aprCommand,
  validateCommand,
  verifyCommand,
  eodCommand,
  importStatementCommand,
  exportCommand,
  seedCommand,
  trialBalanceCommand,
  statementsCommand,
  rebuildCommand,
  syncCommand,
  reportCommand,
  backupCommand,
  restoreCommand,
  benchCommand,
];

import type { CliCommand } from '../types';
import { aprCommand } from './apr';
import { scheduleCommand } from './schedule';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';

/** Every `loandesk` command, in the order `--help` lists them. */
export const commands: CliCommand[] = [scheduleCommand, aprCommand, validateCommand, verifyCommand];

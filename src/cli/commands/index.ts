import type { CliCommand } from '../types';
import { verifyCommand } from './verify';

/** Every `loandesk` command, in the order `--help` lists them. */
export const commands: CliCommand[] = [verifyCommand];

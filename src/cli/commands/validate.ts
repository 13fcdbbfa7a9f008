/** `loandesk validate`: checks resident IDs, mobiles, bank cards or unified social
 *  credit codes given as arguments or on stdin, one per line. Exit 1 if any is invalid. */
import {
  validateBankCard,
  validateCreditCode,
  validateMobile,
  validateResidentId,
} from '../../core/validation/identity';
import { parseArgs } from '../args';
import { UsageError, type CliCommand } from '../types';

const KINDS = ['id', 'phone', 'card', 'credit-code'] as const;
type Kind = (typeof KINDS)[number];

interface Checked {
  value: string;
  valid: boolean;
  code?: string;
  birthDate?: string;
  sex?: string;
}

function check(kind: Kind, value: string): Checked {
  switch (kind) {
    case 'id': {
      const r = validateResidentId(value);
      return r.valid
        ? { value, valid: true, birthDate: r.birthDate, sex: r.sex }
        : { value, valid: false, code: r.code };
    }
    case 'phone': {
      const r = validateMobile(value);
      return r.valid ? { value, valid: true } : { value, valid: false, code: r.code };
    }
    case 'card': {
      const r = validateBankCard(value);
      return r.valid ? { value, valid: true } : { value, valid: false, code: r.code };
    }
    case 'credit-code': {
      const r = validateCreditCode(value);
      return r.valid ? { value, valid: true } : { value, valid: false, code: r.code };
    }
  }
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check resident IDs, mobiles, bank cards or credit codes (exit 1 if any is invalid)',
  usage: 'loandesk validate id|phone|card|credit-code VALUE... [--json]   (or values on stdin, one per line)',
  run: async (argv, io) => {
    const args = parseArgs(argv, []);
    const [kindText, ...values] = args.positional;
    if (!kindText || !(KINDS as readonly string[]).includes(kindText))
      throw new UsageError(`the kind must be one of ${KINDS.join('|')}, got "${kindText ?? ''}"`);
    let inputs = values;
    if (inputs.length === 0)
      inputs = (await io.readStdin())
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
    if (inputs.length === 0) throw new UsageError('give at least one VALUE (or lines on stdin)');
    const results = inputs.map((v) => check(kindText as Kind, v));
    if (args.switches.has('json')) io.out(JSON.stringify(results, null, 2));
    else
      for (const r of results)
        io.out([r.value, r.valid ? 'valid' : `invalid ${r.code}`, r.birthDate ?? '', r.sex ?? ''].join('  ').trimEnd());
    return results.every((r) => r.valid) ? 0 : 1;
  },
};

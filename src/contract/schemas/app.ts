/** Input schemas of start-up and setup; shared with the renderer's forms. */
import { z } from 'zod';
import { text } from '../../core/validation/text';

export const MIN_PASSPHRASE_CHARS = 8;
export const passphrase = z.string().min(MIN_PASSPHRASE_CHARS).max(200);
export const branchCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{2,16}$/, 'BRANCH_CODE_FORMAT');
export const username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, 'USERNAME_FORMAT');
/** At least 8 characters with a letter and a digit; the refusal carries the minimum
 *  so the sentence can say it (密码至少 8 位…). */
const PASSWORD_MIN = 8;
export const password = z
  .string()
  .max(200)
  .refine((p) => p.length >= PASSWORD_MIN && /[A-Za-z]/.test(p) && /\d/.test(p), {
    message: 'PASSWORD_POLICY',
    params: { min: PASSWORD_MIN },
  });

export const createPassphraseInput = z
  .object({ passphrase, confirm: z.string().max(200) })
  .refine((v) => v.passphrase === v.confirm, { path: ['confirm'], message: 'PASSPHRASE_MISMATCH' });

export const setupInput = z.object({
  organisationName: text('name', { min: 2 }),
  branchCode,
  branchName: text('name', { min: 2 }),
  adminUsername: username,
  adminDisplayName: text('displayName'),
  adminPassword: z.string().max(200),
});

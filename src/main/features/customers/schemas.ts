/** Input schemas of the customer file, shared with the renderer's forms (no node
 *  imports here). Identifier checks are the core's; a failed check is reported with
 *  the core's stable code (ID_CHECK_DIGIT ...) both as a zod issue message (forms)
 *  and as a DomainError with details { field } (main process). */
import { z } from 'zod';
import {
  checkBirthDate,
  validateBankCard,
  validateCreditCode,
  validateMobile,
  validateResidentId,
} from '../../../core/validation';
import { text } from '../../../core/validation/text';

export const MAX_IMPORT_ROWS = 5_000;
/** A 5,000-row CSV is about 1 MB; XLSX is zipped. 8 MiB of file, as base64. */
export const MAX_IMPORT_BASE64_CHARS = Math.ceil((8 * 1024 * 1024 * 4) / 3);
export const MAX_MONTHLY_FEN = 100_000_000_000;
export const MAX_EMPLOYMENT_YEARS = 60;
export const MAX_LIST_ROWS = 200;

export type IdentifierField = 'residentId' | 'phone' | 'bankCard' | 'creditCode';

/** The normalised value of an identifier, or the core's failure code. A resident ID
 *  also needs a birth date in the past and an age of at most 100 on `today`. */
export function checkIdentifier(
  field: IdentifierField,
  raw: string,
  today: string = new Date().toISOString().slice(0, 10),
): { ok: true; value: string } | { ok: false; code: string } {
  if (field === 'residentId') {
    const r = validateResidentId(raw);
    if (!r.valid) return { ok: false, code: r.code };
    const birth = checkBirthDate(r.birthDate, today);
    return birth ? { ok: false, code: birth } : { ok: true, value: r.residentId };
  }
  if (field === 'phone') {
    const r = validateMobile(raw);
    return r.valid ? { ok: true, value: r.phone } : { ok: false, code: r.code };
  }
  if (field === 'bankCard') {
    const r = validateBankCard(raw);
    return r.valid ? { ok: true, value: r.cardNumber } : { ok: false, code: r.code };
  }
  const r = validateCreditCode(raw);
  return r.valid ? { ok: true, value: r.creditCode } : { ok: false, code: r.code };
}

/** A form field that checks an identifier as the user types; the issue message is
 *  the core's code, which the form translates (error.ID_CHECK_DIGIT ...). */
export function identifierField(field: IdentifierField) {
  return z
    .string()
    .trim()
    .max(40)
    .superRefine((value, issueCtx) => {
      const result = checkIdentifier(field, value);
      if (!result.ok) issueCtx.addIssue({ code: 'custom', message: result.code });
    });
}

const name = text('name');
const address = text('address', { min: 2 });
const employer = text('name', { min: 0 }).nullable().default(null);
const monthlyFen = z.number().int().min(0).max(MAX_MONTHLY_FEN);
const employmentYears = z.number().int().min(0).max(MAX_EMPLOYMENT_YEARS);
/** Raw identifier text as the main process receives it; checked by the handler. */
const rawIdentifier = z.string().trim().min(1).max(40);
const consent = z.literal(true, { message: 'CONSENT_REQUIRED' });

/** customers.registerPerson. The identifiers are checked by the handler with
 *  `checkIdentifier`, so a bad one is refused with its own code and field. */
export const registerPersonInput = z.object({
  name,
  residentId: rawIdentifier,
  phone: rawIdentifier,
  address,
  employer,
  monthlyIncomeFen: monthlyFen,
  monthlyDebtFen: monthlyFen.default(0),
  employmentYears,
  bankCard: rawIdentifier.nullable().optional(),
  consent,
});

/** The register form: the same fields, with the identifiers checked as typed. */
export const registerPersonForm = registerPersonInput.extend({
  residentId: identifierField('residentId'),
  phone: identifierField('phone'),
  bankCard: identifierField('bankCard').nullable().optional(),
});

export const registerBusinessInput = z.object({
  name: text('name', { min: 2 }),
  creditCode: rawIdentifier,
  legalRepId: z.string().uuid(),
  registeredCapitalFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  industry: text('name'),
  phone: rawIdentifier,
  address,
  consent,
});

export const registerBusinessForm = registerBusinessInput.extend({
  creditCode: identifierField('creditCode'),
  phone: identifierField('phone'),
});

/** customers.update: contact, income and employment; never the ID or the name. */
export const updateCustomerInput = z
  .object({
    customerId: z.string().uuid(),
    expectedVersion: z.number().int().min(1),
    phone: rawIdentifier.optional(),
    address: address.optional(),
    employer: text('name', { min: 0 }).nullable().optional(),
    monthlyIncomeFen: monthlyFen.optional(),
    monthlyDebtFen: monthlyFen.optional(),
    employmentYears: employmentYears.optional(),
    bankCard: rawIdentifier.nullable().optional(),
    industry: text('name').optional(),
  })
  // The name and the identifiers a customer registered with are not edited here.
  .strict();

export const updateCustomerForm = updateCustomerInput.extend({
  phone: identifierField('phone').optional(),
  bankCard: identifierField('bankCard').nullable().optional(),
});

export const CUSTOMER_KINDS = ['person', 'business'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const LIST_SORT_FIELDS = ['number', 'name', 'createdAt', 'monthlyIncomeFen'] as const;

export const listCustomersInput = z.object({
  /** Name (part), customer number, or the last 4 of a phone or resident ID. */
  search: text('search', { min: 0 }).optional(),
  kind: z.enum(CUSTOMER_KINDS).optional(),
  watchlistOnly: z.boolean().optional(),
  sort: z.enum(LIST_SORT_FIELDS).default('number'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.number().int().min(1).max(MAX_LIST_ROWS).default(50),
  offset: z.number().int().min(0).default(0),
});

export const REVEAL_FIELDS = ['residentId', 'phone', 'bankCard'] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];

export const revealCustomerInput = z.object({
  customerId: z.string().uuid(),
  fields: z
    .array(z.enum(REVEAL_FIELDS))
    .min(1)
    .max(3)
    .default([...REVEAL_FIELDS]),
});

export const importCustomersInput = z
  .object({
    fileName: text('fileName'),
    contentBase64: z.base64().min(1).max(MAX_IMPORT_BASE64_CHARS),
    dryRun: z.boolean().default(false),
    /** The operator confirms every customer in the file gave recorded consent. */
    consent: z.boolean().optional(),
  })
  .refine((v) => v.dryRun || v.consent === true, { path: ['consent'], message: 'CONSENT_REQUIRED' });

export const addWatchlistInput = z.object({
  name: text('name'),
  residentId: identifierField('residentId').nullable().optional(),
  reason: text('reason'),
  source: text('name'),
});

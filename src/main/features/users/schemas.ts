/** Input schemas of user administration; shared with the renderer's forms. */
import { z } from 'zod';
import { ROLES } from '../../../core/auth/permissions';
import { branchCode, username } from '../app/schemas';
import { text } from '../../../core/validation/text';

export const MAX_APPROVAL_LIMIT_FEN = 100_000_000_000;
const approvalLimitFen = z.number().int().min(0).max(MAX_APPROVAL_LIMIT_FEN);

export const createUserInput = z.object({
  username,
  displayName: text('displayName'),
  role: z.enum(ROLES),
  branchId: z.string().uuid().nullable(),
  approvalLimitFen,
  initialPassword: z.string().max(200),
});

export const updateUserInput = z.object({
  userId: z.string().uuid(),
  displayName: text('displayName').optional(),
  role: z.enum(ROLES).optional(),
  branchId: z.string().uuid().nullable().optional(),
  approvalLimitFen: approvalLimitFen.optional(),
  disabled: z.boolean().optional(),
});

export const createBranchInput = z.object({ code: branchCode, name: text('name', { min: 2 }) });

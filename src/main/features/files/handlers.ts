/** Saving a file the app produced (a ledger export, a loan document) where the host
 *  can ask the user where: the renderer asks `files.capabilities` once and sends the
 *  bytes to `files.save` under Electron; in browser mode it downloads instead. The
 *  export or download that produced the bytes is already audited at its source. */
import { z } from 'zod';
import { handler } from '../../api/handler';
import { DomainError } from '../../../core/errors';
import { safeFileName } from './host';

export const MAX_SAVE_BYTES = 64 * 1024 * 1024;

export const saveFileInput = z.object({
  fileName: z.string().trim().min(1).max(200).transform(safeFileName),
  base64: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_SAVE_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

export const filesHandlers = {
  'files.capabilities': handler({
    input: z.object({}).optional(),
    access: 'public',
    kind: 'read',
    passive: true,
    whileLocked: true,
    run: (ctx) => ({ nativeSave: ctx.app.host.saveFile !== undefined }),
  }),
  'files.save': handler({
    input: saveFileInput,
    access: 'session',
    kind: 'read',
    run: async (ctx, input) => {
      const saveFile = ctx.app.host.saveFile;
      if (!saveFile) throw new DomainError('NATIVE_SAVE_UNAVAILABLE');
      return saveFile({ fileName: input.fileName, data: Buffer.from(input.base64, 'base64') });
    },
  }),
};

/** Loan documents: attach (officers), list, and download (ID scans and contracts:
 *  its own permission, held by officers and managers, audited like a reveal). */
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { createHash, randomUUID } from 'node:crypto';
import { handler } from '../../api/handler';
import { loanDocuments, loans, users } from '../../db/schema';
import { appendEvent, metaOf } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { text } from '../../../core/validation/text';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const ALLOWED_MIME =
  /^(application\/pdf|image\/(png|jpeg)|text\/plain|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet))$/;

export const attachDocumentInput = z.object({
  loanId: z.string().uuid(),
  fileName: text('fileName'),
  mime: z.string().regex(ALLOWED_MIME, 'DOCUMENT_TYPE'),
  contentBase64: z
    .base64()
    .min(1)
    .max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4, 'DOCUMENT_TOO_LARGE'),
  note: text('note', { min: 0 }).optional(),
});

export const documentsHandlers = {
  'documents.list': handler({
    input: z.object({ loanId: z.string().uuid() }),
    access: 'loans.read',
    kind: 'read',
    run: (ctx, input) =>
      ctx.db
        .select({
          id: loanDocuments.id,
          fileName: loanDocuments.fileName,
          mime: loanDocuments.mime,
          sizeBytes: loanDocuments.sizeBytes,
          sha256: loanDocuments.sha256,
          note: loanDocuments.note,
          uploadedAt: loanDocuments.uploadedAt,
          uploadedBy: users.displayName,
        })
        .from(loanDocuments)
        .leftJoin(users, eq(users.id, loanDocuments.uploadedBy))
        .where(eq(loanDocuments.loanId, input.loanId))
        .orderBy(asc(loanDocuments.uploadedAt))
        .all(),
  }),
  'documents.attach': handler({
    input: attachDocumentInput,
    access: 'customers.write',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      const content = Buffer.from(input.contentBase64, 'base64');
      if (content.length === 0) throw new DomainError('DOCUMENT_EMPTY', { field: 'contentBase64' });
      if (content.length > MAX_DOCUMENT_BYTES)
        throw new DomainError('DOCUMENT_TOO_LARGE', { field: 'contentBase64', maxBytes: MAX_DOCUMENT_BYTES });
      const sha256 = createHash('sha256').update(content).digest('hex');
      const id = randomUUID();
      ctx.write(
        (db) => {
          const loan = db
            .select({ id: loans.id, version: loans.version })
            .from(loans)
            .where(eq(loans.id, input.loanId))
            .get();
          if (!loan) throw new DomainError('LOAN_UNKNOWN', { field: 'loanId' });
          const e = appendEvent(
            db,
            {
              aggregate: 'loan',
              aggregateId: loan.id,
              type: 'DocumentAttached',
              payload: {
                documentId: id,
                fileName: input.fileName,
                mime: input.mime,
                sizeBytes: content.length,
                sha256,
              },
            },
            metaOf(ctx),
            loan.version,
          );
          db.update(loans).set({ version: e.version }).where(eq(loans.id, loan.id)).run();
          db.insert(loanDocuments)
            .values({
              id,
              loanId: loan.id,
              fileName: input.fileName,
              mime: input.mime,
              sizeBytes: content.length,
              sha256,
              content,
              note: input.note ?? null,
              uploadedBy: session.userId,
              uploadedAt: ctx.now().toISOString(),
            })
            .run();
        },
        { summary: { loanId: input.loanId, fileName: input.fileName, sizeBytes: content.length, sha256 } },
      );
      return { id, sha256 };
    },
  }),
  'documents.download': handler({
    input: z.object({ documentId: z.string().uuid() }),
    access: 'documents.download',
    kind: 'reveal',
    run: (ctx, input) =>
      ctx.write(
        (db) => {
          const doc = db.select().from(loanDocuments).where(eq(loanDocuments.id, input.documentId)).get();
          if (!doc) throw new DomainError('DOCUMENT_UNKNOWN', { field: 'documentId' });
          return { fileName: doc.fileName, mime: doc.mime, base64: doc.content.toString('base64') };
        },
        { summary: { documentId: input.documentId } },
      ),
  }),
};

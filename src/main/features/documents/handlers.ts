/** Loan documents: attach (officers), list, and download (ID scans and contracts:
 *  its own permission, held by officers and managers, audited like a reveal).
 *  Contents are content-addressed blobs (SHA-256) that the DocumentAttached event
 *  references. */
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { createHash, randomUUID } from 'node:crypto';
import { handler } from '../../api/handler';
import { loanDocuments, users } from '../../db/schema';
import { draft, emit, metaOf } from '../../events/store';
import { getLoanRow } from '../../projectors/loans';
import { currentBusinessDate } from '../eod/businessDate';
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
      const content = Buffer.from(input.contentBase64, 'base64');
      if (content.length === 0) throw new DomainError('DOCUMENT_EMPTY', { field: 'contentBase64' });
      if (content.length > MAX_DOCUMENT_BYTES)
        throw new DomainError('DOCUMENT_TOO_LARGE', { field: 'contentBase64', maxBytes: MAX_DOCUMENT_BYTES });
      const sha256 = createHash('sha256').update(content).digest('hex');
      const id = randomUUID();
      return ctx.write(
        (db) => {
          const loan = getLoanRow(db, input.loanId);
          if (!loan) throw new DomainError('LOAN_UNKNOWN', { field: 'loanId' });
          // The bytes are a content-addressed blob, shipped apart from the event.
          db.$client
            .prepare('INSERT OR IGNORE INTO blobs (sha256, size_bytes, content, created_at) VALUES (?, ?, ?, ?)')
            .run(sha256, content.length, content, ctx.now().toISOString());
          emit(db, metaOf(ctx, currentBusinessDate(db, ctx.now(), loan.branchId)), [
            {
              ...draft('DocumentAttached', loan.id, {
                documentId: id,
                fileName: input.fileName,
                mime: input.mime,
                sizeBytes: content.length,
                sha256,
                note: input.note || null,
              }),
              branchId: loan.branchId,
            },
          ]);
          return { id, sha256 };
        },
        { summary: { loanId: input.loanId, fileName: input.fileName, sizeBytes: content.length, sha256 } },
      );
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
          const blob = db.$client.prepare('SELECT content FROM blobs WHERE sha256 = ?').get(doc.sha256) as
            { content: Buffer } | undefined;
          if (!blob) throw new DomainError('DOCUMENT_CONTENT_MISSING', { field: 'documentId' });
          return { fileName: doc.fileName, mime: doc.mime, base64: blob.content.toString('base64') };
        },
        { summary: { documentId: input.documentId } },
      ),
  }),
};

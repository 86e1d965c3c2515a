import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../../server/db/client.ts';
import { ForbiddenError, type Actor } from '../../../../server/permissions.ts';
import { parseOrThrow, ValidationError } from '../../../../server/validation.ts';
import { MAX_UPLOAD_BYTES, processImage } from '../../../processes/server/photos.ts';
import type { AcademyService } from '../service.ts';
import { EntryNotFoundError } from '../service.ts';
import { academyEntries } from '../schema.ts';
import { academyEntryFiles } from './schema.ts';
import { recordAudit } from '../../../audit/server/record.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

const fileTextSchema = z.object({
  altText: z.string().trim().max(300, 'error_too_long').default(''),
  caption: z.string().trim().max(500, 'error_too_long').default(''),
});

/** Is this a PDF by its magic number (never by the name or the browser's claimed type)? */
export function isPdf(bytes: Uint8Array): boolean {
  return PDF_MAGIC.every((b, i) => bytes[i] === b);
}

/** A file name safe for a Content-Disposition header: letters, digits, dot, dash, underscore. */
export function safeFilename(name: string, fallback: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 100);
  return cleaned || fallback;
}

/**
 * Attachments and images of knowledge-base entries. Whoever may edit an entry adds files: images go through the
 * platform's one image pipeline (sharp re-encodes them as WebP, EXIF and GPS dropped; alt text required), PDFs are
 * stored as uploaded after checking their magic number; anything else, and anything above 10 MB, is refused.
 * Files are visible exactly when their entry is.
 */
export function createEntryFileService(deps: { db: Db; academy: AcademyService }) {
  const { db, academy } = deps;

  async function editable(actor: Actor | null, slug: string) {
    const found = await academy.get(actor, slug); // throws EntryNotFoundError when hidden from the actor
    if (!found.mayEdit) throw new ForbiddenError('academy.contribute');
    return found.entry;
  }

  return {
    async list(entryId: string) {
      return db
        .select({ id: academyEntryFiles.id, kind: academyEntryFiles.kind, filename: academyEntryFiles.filename, altText: academyEntryFiles.altText, caption: academyEntryFiles.caption, size: academyEntryFiles.size, width: academyEntryFiles.width, height: academyEntryFiles.height })
        .from(academyEntryFiles)
        .where(eq(academyEntryFiles.entryId, entryId))
        .orderBy(asc(academyEntryFiles.createdAt));
    },

    async upload(actor: Actor | null, slug: string, input: unknown, file: File | undefined): Promise<string> {
      const entry = await editable(actor, slug);
      const text = parseOrThrow(fileTextSchema, input);
      if (!file || file.size === 0) throw new ValidationError({ file: 'error_file_required' });
      if (file.size > MAX_UPLOAD_BYTES) throw new ValidationError({ file: 'error_file_too_large' });
      const bytes = new Uint8Array(await file.arrayBuffer());
      let values: Omit<typeof academyEntryFiles.$inferInsert, 'entryId'>;
      if (isPdf(bytes)) {
        values = { kind: 'pdf', filename: safeFilename(file.name, 'dokument.pdf').replace(/(\.pdf)?$/i, '.pdf'), altText: text.altText || file.name.slice(0, 300), caption: text.caption, size: bytes.byteLength, data: Buffer.from(bytes) };
      } else {
        if (text.altText.length < 5) throw new ValidationError({ altText: 'error_alt_required' });
        let image: Awaited<ReturnType<typeof processImage>>;
        try {
          image = await processImage(bytes);
        } catch (e) {
          if (e instanceof ValidationError) throw new ValidationError({ file: 'error_file_type' });
          throw e;
        }
        values = { kind: 'image', filename: safeFilename(file.name.replace(/\.[^.]*$/, ''), 'bild') + '.webp', altText: text.altText, caption: text.caption, size: image.image.byteLength, width: image.width, height: image.height, data: image.image, thumbnail: image.thumbnail };
      }
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(academyEntryFiles).values({ ...values, entryId: entry.id, uploadedBy: actor!.userId }).returning({ id: academyEntryFiles.id });
        await recordAudit(tx, { actorId: actor!.userId, townId: entry.townId, action: 'academy.entry_file_added', details: { slug, fileId: row!.id, kind: values.kind } });
        return row!.id;
      });
    },

    async remove(actor: Actor | null, slug: string, fileId: string) {
      const entry = await editable(actor, slug);
      if (!UUID.test(fileId)) throw new EntryNotFoundError(fileId);
      await db.transaction(async (tx) => {
        await tx.delete(academyEntryFiles).where(and(eq(academyEntryFiles.id, fileId), eq(academyEntryFiles.entryId, entry.id)));
        await recordAudit(tx, { actorId: actor!.userId, townId: entry.townId, action: 'academy.entry_file_removed', details: { slug, fileId } });
      });
    },

    /** The bytes for the media route, when the actor may see the entry. */
    async file(actor: Actor | null, fileId: string, variant: 'file' | 'thumbnail') {
      if (!UUID.test(fileId)) return null;
      const [row] = await db.select().from(academyEntryFiles).where(eq(academyEntryFiles.id, fileId));
      if (!row) return null;
      const [entry] = await db.select({ slug: academyEntries.slug }).from(academyEntries).where(eq(academyEntries.id, row.entryId));
      let status: string;
      try {
        status = (await academy.get(actor, entry!.slug)).entry.status;
      } catch (e) {
        if (e instanceof EntryNotFoundError) return null;
        throw e;
      }
      const data = variant === 'thumbnail' ? row.thumbnail : row.data;
      if (!data) return null;
      return { data, kind: row.kind, filename: row.filename, public: status === 'published' };
    },
  };
}

export type EntryFileService = ReturnType<typeof createEntryFileService>;

import { and, asc, eq } from 'drizzle-orm';
import sharp, { type Metadata } from 'sharp';
import { z } from 'zod';
import type { Db } from '../../../server/db/client.ts';
import { can, type Actor } from '../../../server/permissions.ts';
import { collectErrors, ValidationError, type FieldCheck } from '../../../server/validation.ts';
import { recordAudit } from '../../audit/server/service.ts';
import { ProcessNotFoundError } from './errors.ts';
import type { MeetingService } from './meetings.ts';
import { componentPermissions, components, meetingPhotos, meetings, processes } from './schema.ts';
import type { Component, ProcessContext, ProcessService } from './service.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif', 'tiff', 'gif']);

/** Alt text, required for every image a person uploads (BITV): the screen-reader user's picture of it. */
export const altTextRule = z.string({ error: 'error_alt_required' }).trim().min(5, 'error_alt_required').max(300, 'error_too_long');

/** The text fields of a photo with a caption (meeting and showcase photos). */
export const photoSchema = z.object({ altText: altTextRule, caption: z.string().trim().max(500, 'error_too_long').default('') });

export type ProcessedImage = Awaited<ReturnType<typeof processImage>>;

/**
 * Decodes an uploaded image and re-encodes it: rotated by its EXIF orientation, then all metadata (EXIF, GPS, XMP,
 * ICC) dropped, at most 1600 px (photo) and 400 px (thumbnail), as WebP. Anything sharp cannot decode as one of the
 * accepted formats is refused.
 */
export async function processImage(input: Uint8Array): Promise<{ image: Buffer; thumbnail: Buffer; width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: 60_000_000 }).metadata();
  } catch {
    throw new ValidationError({ photo: 'error_photo_type' });
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw new ValidationError({ photo: 'error_photo_type' });
  try {
    const base = () => sharp(input, { limitInputPixels: 60_000_000 }).rotate();
    const { data: image, info } = await base().resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
    const thumbnail = await base().resize({ width: 400, height: 400, fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
    return { image, thumbnail, width: info.width, height: info.height };
  } catch {
    throw new ValidationError({ photo: 'error_photo_type' });
  }
}

type UploadOptions = {
  /** The file's form field, which carries its errors (default `photo`). */
  field?: string;
  /** The alt text's form field (default `altText`). */
  altField?: string;
  /** Further checks (e.g. against the database), each run whenever its own fields parse; see `FieldCheck`. */
  checks?: readonly FieldCheck[];
  /**
   * An image is already stored and stays unless a file replaces it (an edit form): its alt text is required even
   * when no file comes, and is returned as `altText`.
   */
  keepsStoredImage?: boolean;
};

/** What an upload form gave: its fields, the re-encoded file (if one came), and the alt text where an image is or stays. */
export interface ImageUpload<T, I> {
  data: T;
  image: I;
  altText: string | null;
}

/**
 * Reads an upload form: validates its text fields, the alt text and the file together, so the form shows every
 * problem at once, then re-encodes the file (errors of the file are reported on `field`). With `optional`, a form
 * without a file is valid and yields no image; a file that is given always needs its alt text, and so does a stored
 * image that stays (`keepsStoredImage`).
 */
export async function readImageUpload<T>(schema: z.ZodType<T>, input: unknown, file: File | undefined, options: UploadOptions & { optional: true }): Promise<ImageUpload<T, (ProcessedImage & { altText: string }) | null>>;
export async function readImageUpload<T>(schema: z.ZodType<T>, input: unknown, file: File | undefined, options?: UploadOptions & { optional?: false }): Promise<ImageUpload<T, ProcessedImage & { altText: string }>>;
export async function readImageUpload<T>(schema: z.ZodType<T>, input: unknown, file: File | undefined, options: UploadOptions & { optional?: boolean } = {}): Promise<ImageUpload<T, (ProcessedImage & { altText: string }) | null>> {
  const field = options.field ?? 'photo';
  const altField = options.altField ?? 'altText';
  const { data, errors } = await collectErrors(schema, input, options.checks);
  const hasFile = Boolean(file && file.size > 0);
  if (!hasFile && !options.optional) errors[field] = 'error_photo_required';
  else if (hasFile && file!.size > MAX_UPLOAD_BYTES) errors[field] = 'error_photo_too_large';
  const alt = altTextRule.safeParse((input as Record<string, unknown> | null)?.[altField]);
  const needsAlt = hasFile || !options.optional || options.keepsStoredImage === true;
  if (needsAlt && !alt.success && !errors[altField]) errors[altField] = alt.error.issues[0]?.message ?? 'error_alt_required';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const altText = needsAlt ? alt.data! : null;
  if (!hasFile) return { data: data!, image: null, altText };
  try {
    return { data: data!, image: { ...(await processImage(new Uint8Array(await file!.arrayBuffer()))), altText: alt.data! }, altText };
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError({ [field]: 'error_photo_type' });
    throw e;
  }
}

export function createPhotoService(deps: { db: Db; processes: ProcessService; meetings: MeetingService }) {
  const { db, processes: processService, meetings: meetingService } = deps;

  return {
    async list(actor: Actor | null, ctx: ProcessContext, component: Component, meetingId: string) {
      processService.authorize(actor, ctx, component, 'meetings:view');
      const meeting = await meetingService.requireMeeting(ctx, component, meetingId);
      return db
        .select({ id: meetingPhotos.id, altText: meetingPhotos.altText, caption: meetingPhotos.caption, width: meetingPhotos.width, height: meetingPhotos.height })
        .from(meetingPhotos)
        .where(eq(meetingPhotos.meetingId, meeting.id))
        .orderBy(asc(meetingPhotos.createdAt));
    },

    /** Adds a photo of analogue results to a meeting (managers); alt text is required, the file is re-encoded. */
    async upload(actor: Actor | null, ctx: ProcessContext, component: Component, meetingId: string, input: Record<string, string>, file: File | undefined): Promise<string> {
      processService.authorize(actor, ctx, component, 'meetings:manage');
      const meeting = await meetingService.requireMeeting(ctx, component, meetingId);
      const { data, image } = await readImageUpload(photoSchema, input, file);
      return db.transaction(async (tx) => {
        const [photo] = await tx
          .insert(meetingPhotos)
          .values({ townId: ctx.town.id, meetingId: meeting.id, caption: data.caption, ...image, uploadedBy: actor!.userId })
          .returning({ id: meetingPhotos.id });
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'meeting.photo_uploaded', details: { meetingId, photoId: photo!.id } });
        return photo!.id;
      });
    },

    async remove(actor: Actor | null, ctx: ProcessContext, component: Component, meetingId: string, photoId: string): Promise<void> {
      processService.authorize(actor, ctx, component, 'meetings:manage');
      const meeting = await meetingService.requireMeeting(ctx, component, meetingId);
      if (!/^[0-9a-f-]{36}$/i.test(photoId)) throw new ProcessNotFoundError(`photo ${photoId}`);
      await db.transaction(async (tx) => {
        await tx.delete(meetingPhotos).where(and(eq(meetingPhotos.id, photoId), eq(meetingPhotos.meetingId, meeting.id)));
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'meeting.photo_removed', details: { meetingId, photoId } });
      });
    },

    /**
     * The image bytes for the media route, only when the photo's meeting is public (published process, everyone may
     * view its meetings in the current phase) or the actor may view it through the matrix.
     */
    async file(actor: Actor | null, photoId: string, variant: 'image' | 'thumbnail') {
      if (!/^[0-9a-f-]{36}$/i.test(photoId)) return null;
      const [row] = await db
        .select({ data: variant === 'image' ? meetingPhotos.image : meetingPhotos.thumbnail, townId: meetingPhotos.townId, component: components, process: processes })
        .from(meetingPhotos)
        .innerJoin(meetings, eq(meetings.id, meetingPhotos.meetingId))
        .innerJoin(components, eq(components.id, meetings.componentId))
        .innerJoin(processes, eq(processes.id, components.processId))
        .where(eq(meetingPhotos.id, photoId));
      if (!row || !row.process.currentPhaseId) return null;
      const [rule] = await db
        .select()
        .from(componentPermissions)
        .where(and(eq(componentPermissions.componentId, row.component.id), eq(componentPermissions.phaseId, row.process.currentPhaseId), eq(componentPermissions.action, 'view')));
      const visible = (row.process.published || can(actor, 'process.viewUnpublished', row.townId)) && can(actor, 'meetings:view', row.townId, { rule });
      if (!visible) return null;
      return { data: row.data, public: row.process.published && (rule?.grants.includes('anyone') ?? false) };
    },
  };
}

export type PhotoService = ReturnType<typeof createPhotoService>;

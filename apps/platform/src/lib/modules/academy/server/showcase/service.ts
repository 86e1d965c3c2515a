import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../../server/db/client.ts';
import { authorize, can, type Actor } from '../../../../server/permissions.ts';
import { parseOrThrow, ValidationError } from '../../../../server/validation.ts';
import { renderMarkdown } from '../../../../server/content/markdown.ts';
import { towns } from '../../../towns/server/schema.ts';
import { uniqueSlug } from '../slug.ts';
import { photoSchema, readImageUpload } from '../../../processes/server/photos.ts';
import { fieldsOfAction } from '../../taxonomy.ts';
import { EntryNotFoundError } from '../service.ts';
import { academyStories, academyStoryPhotos } from './schema.ts';
import { recordAudit } from '../../../audit/server/record.ts';

export type Story = typeof academyStories.$inferSelect;

export const storySchema = z.object({
  title: z.string({ error: 'error_required' }).trim().min(3, 'error_title_too_short').max(200, 'error_too_long'),
  teaser: z.string({ error: 'error_required' }).trim().min(10, 'error_teaser_required').max(400, 'error_too_long'),
  body: z.string().trim().max(50_000, 'error_too_long').default(''),
  fieldsOfAction: z.array(z.enum(fieldsOfAction, { error: 'error_invalid_choice' })).max(8).default([]),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Showcase stories ("Kleinstädte zeigen, wie es geht"): project stories with photos for the public and the press.
 * Editors write them (draft), add photos (re-encoded by the same pipeline as meeting photos: EXIF stripped, alt text
 * required) and publish them; published stories are public and shareable.
 */
export function createShowcaseService(deps: { db: Db }) {
  const { db } = deps;

  async function requireStory(slug: string): Promise<Story> {
    const [story] = await db.select().from(academyStories).where(eq(academyStories.slug, slug));
    if (!story) throw new EntryNotFoundError(slug);
    return story;
  }

  async function townIdFor(input: unknown): Promise<string | null> {
    const slug = typeof input === 'object' && input && 'town' in input ? String((input as { town: unknown }).town ?? '') : '';
    if (!slug) return null;
    const [town] = await db.select({ id: towns.id }).from(towns).where(eq(towns.slug, slug));
    if (!town) throw new ValidationError({ town: 'error_invalid_choice' });
    return town.id;
  }

  async function write(actor: Actor | null, story: Story | null, input: unknown): Promise<Story> {
    authorize(actor, 'academy.manageStories');
    const data = parseOrThrow(storySchema, input);
    const townId = await townIdFor(input);
    return db.transaction(async (tx) => {
      const [saved] = story
        ? await tx.update(academyStories).set({ ...data, townId, updatedAt: new Date() }).where(eq(academyStories.id, story.id)).returning()
        : await tx
            .insert(academyStories)
            .values({ ...data, townId, slug: uniqueSlug(data.title, 'geschichte'), createdBy: actor!.userId })
            .returning();
      await recordAudit(tx, { actorId: actor!.userId, townId, action: story ? 'academy.story_updated' : 'academy.story_created', details: { slug: saved!.slug } });
      return saved!;
    });
  }

  return {
    /** Published stories, newest first, each with its first photo. */
    async list() {
      const stories = await db
        .select({ id: academyStories.id, slug: academyStories.slug, title: academyStories.title, teaser: academyStories.teaser, publishedAt: academyStories.publishedAt, townName: towns.name })
        .from(academyStories)
        .leftJoin(towns, eq(towns.id, academyStories.townId))
        .where(eq(academyStories.status, 'published'))
        .orderBy(desc(academyStories.publishedAt));
      const photos = await db.select({ id: academyStoryPhotos.id, storyId: academyStoryPhotos.storyId, altText: academyStoryPhotos.altText }).from(academyStoryPhotos).orderBy(asc(academyStoryPhotos.createdAt));
      return stories.map((s) => ({ ...s, photo: photos.find((p) => p.storyId === s.id) ?? null }));
    },

    /** Drafts (editors). */
    async drafts(actor: Actor | null) {
      if (!can(actor, 'academy.manageStories')) return [];
      return db.select({ slug: academyStories.slug, title: academyStories.title }).from(academyStories).where(eq(academyStories.status, 'draft')).orderBy(desc(academyStories.updatedAt));
    },

    /** One story (drafts for editors only) with its photos and town. */
    async get(actor: Actor | null, slug: string) {
      const story = await requireStory(slug);
      const mayManage = can(actor, 'academy.manageStories');
      if (story.status !== 'published' && !mayManage) throw new EntryNotFoundError(slug);
      const [town] = story.townId ? await db.select({ slug: towns.slug, name: towns.name }).from(towns).where(eq(towns.id, story.townId)) : [];
      const photos = await db
        .select({ id: academyStoryPhotos.id, altText: academyStoryPhotos.altText, caption: academyStoryPhotos.caption, width: academyStoryPhotos.width, height: academyStoryPhotos.height })
        .from(academyStoryPhotos)
        .where(eq(academyStoryPhotos.storyId, story.id))
        .orderBy(asc(academyStoryPhotos.createdAt));
      return { story, bodyHtml: renderMarkdown(story.body), town: town ?? null, photos, mayManage };
    },

    create: (actor: Actor | null, input: unknown) => write(actor, null, input),

    async update(actor: Actor | null, slug: string, input: unknown) {
      authorize(actor, 'academy.manageStories');
      return write(actor, await requireStory(slug), input);
    },

    /** Publishes (or takes back to draft) a story. */
    async setStatus(actor: Actor | null, slug: string, status: 'draft' | 'published') {
      authorize(actor, 'academy.manageStories');
      const story = await requireStory(slug);
      return db.transaction(async (tx) => {
        const [saved] = await tx
          .update(academyStories)
          .set({ status, updatedAt: new Date(), publishedAt: status === 'published' ? (story.publishedAt ?? new Date()) : story.publishedAt })
          .where(eq(academyStories.id, story.id))
          .returning();
        await recordAudit(tx, { actorId: actor!.userId, townId: story.townId, action: `academy.story_${status}`, details: { slug } });
        return saved!;
      });
    },

    /** Adds a photo (editors): alt text required, the file re-encoded without metadata. */
    async addPhoto(actor: Actor | null, slug: string, input: unknown, file: File | undefined): Promise<string> {
      authorize(actor, 'academy.manageStories');
      const story = await requireStory(slug);
      const { data, image } = await readImageUpload(photoSchema, input, file);
      return db.transaction(async (tx) => {
        const [photo] = await tx.insert(academyStoryPhotos).values({ storyId: story.id, ...data, ...image, uploadedBy: actor!.userId }).returning({ id: academyStoryPhotos.id });
        await recordAudit(tx, { actorId: actor!.userId, townId: story.townId, action: 'academy.story_photo_added', details: { slug, photoId: photo!.id } });
        return photo!.id;
      });
    },

    async removePhoto(actor: Actor | null, slug: string, photoId: string) {
      authorize(actor, 'academy.manageStories');
      const story = await requireStory(slug);
      if (!UUID.test(photoId)) throw new EntryNotFoundError(photoId);
      await db.transaction(async (tx) => {
        await tx.delete(academyStoryPhotos).where(and(eq(academyStoryPhotos.id, photoId), eq(academyStoryPhotos.storyId, story.id)));
        await recordAudit(tx, { actorId: actor!.userId, townId: story.townId, action: 'academy.story_photo_removed', details: { slug, photoId } });
      });
    },

    /** Photo bytes for the media route: public for published stories, editors for drafts. */
    async photoFile(actor: Actor | null, photoId: string, variant: 'image' | 'thumbnail') {
      if (!UUID.test(photoId)) return null;
      const [row] = await db
        .select({ data: variant === 'image' ? academyStoryPhotos.image : academyStoryPhotos.thumbnail, status: academyStories.status })
        .from(academyStoryPhotos)
        .innerJoin(academyStories, eq(academyStories.id, academyStoryPhotos.storyId))
        .where(eq(academyStoryPhotos.id, photoId));
      if (!row) return null;
      if (row.status !== 'published' && !can(actor, 'academy.manageStories')) return null;
      return { data: row.data, public: row.status === 'published' };
    },

    /** Towns to link a story to. */
    async townOptions() {
      return db.select({ slug: towns.slug, name: towns.name }).from(towns).orderBy(asc(towns.name));
    },
  };
}

export type ShowcaseService = ReturnType<typeof createShowcaseService>;


import { and, eq } from 'drizzle-orm';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../../../server/db/client.ts';
import { renderMarkdown } from '../../../server/content/markdown.ts';
import { parseOrThrow } from '../../../server/validation.ts';
import { authorize, type Actor } from '../../../server/permissions.ts';
import { defaultPages } from './default-pages.ts';
import { sitePages } from './schema.ts';
import { recordAudit } from '../../audit/server/record.ts';

export const legalPageKeys = ['impressum', 'datenschutz', 'barrierefreiheit'] as const;
export type LegalPageKey = (typeof legalPageKeys)[number];
export type Locale = 'de' | 'en';

const pageSchema = z.object({
  title: z.string().trim().min(1, 'error_required').max(200, 'error_too_long'),
  body: z.string().trim().min(1, 'error_required').max(50_000, 'error_too_long'),
});

/**
 * The installation's legal pages. Text comes from (in order): what a platform admin saved in the database, a
 * Markdown file `<key>.<locale>.md` in KLEINSTADT_LEGAL_DIR, or the built-in template that asks the operator to
 * fill it in.
 */
export function createSiteService(deps: { db: Db; legalDir?: string | undefined }) {
  const { db, legalDir } = deps;

  async function source(key: LegalPageKey, locale: Locale): Promise<{ title: string; body: string; origin: 'database' | 'file' | 'default' }> {
    const [row] = await db.select().from(sitePages).where(and(eq(sitePages.key, key), eq(sitePages.locale, locale)));
    if (row) return { title: row.title, body: row.body, origin: 'database' };
    if (legalDir) {
      const file = join(legalDir, `${key}.${locale}.md`);
      if (existsSync(file)) {
        const text = readFileSync(file, 'utf8');
        const [first, ...rest] = text.split('\n');
        return { title: (first ?? key).replace(/^#\s*/, ''), body: rest.join('\n').trim(), origin: 'file' };
      }
    }
    return { ...defaultPages[key][locale], origin: 'default' };
  }

  return {
    /** The page as sanitized HTML. */
    async page(key: LegalPageKey, locale: Locale) {
      const page = await source(key, locale);
      return { title: page.title, html: renderMarkdown(page.body), origin: page.origin };
    },
    /** The raw Markdown for the admin editor. */
    source,
    /** Saves a page (platform admins only). */
    async save(actor: Actor | null, key: LegalPageKey, locale: Locale, input: unknown) {
      authorize(actor, 'platform.administer');
      const data = parseOrThrow(pageSchema, input);
      await db.transaction(async (tx) => {
        await tx
          .insert(sitePages)
          .values({ key, locale, ...data })
          .onConflictDoUpdate({ target: [sitePages.key, sitePages.locale], set: { ...data, updatedAt: new Date() } });
        await recordAudit(tx, { actorId: actor!.userId, action: 'site.page_saved', details: { key, locale } });
      });
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;

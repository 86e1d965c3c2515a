import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import qrcode from 'qrcode-generator';
import type { Db } from '../../../server/db/client.ts';
import { authorize, type Actor } from '../../../server/permissions.ts';
import { hitRateLimit } from '../../../server/rate-limit.ts';
import { hashToken, newToken } from '../../../server/tokens.ts';
import { parseOrThrow } from '../../../server/validation.ts';
import { towns } from '../../towns/server/schema.ts';
import { ProcessNotFoundError } from './errors.ts';
import { accessLinks, processes } from './schema.ts';
import type { ProcessContext } from './service.ts';
import { recordAudit } from '../../audit/server/record.ts';

/** Redemptions per client address and 15 minutes; tokens have 256 bits, the limit stops scanning anyway. */
export const LINK_RATE_LIMIT = 30;

const createLinkSchema = z.object({
  label: z.string({ error: 'error_required' }).trim().min(2, 'error_required').max(120, 'error_too_long'),
  days: z
    .string()
    .trim()
    .regex(/^\d{0,3}$/, 'error_days_invalid')
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (v >= 1 && v <= 365), 'error_days_invalid')
    .optional(),
});

/** An SVG QR code for a URL (error correction M), as a data URI for an <img>. */
export function qrDataUri(url: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(url);
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 6, margin: 4, scalable: true });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export function createAccessLinkService(deps: { db: Db }) {
  const { db } = deps;
  const usable = () => and(isNull(accessLinks.revokedAt), or(isNull(accessLinks.expiresAt), gt(accessLinks.expiresAt, new Date())));

  return {
    async list(actor: Actor | null, ctx: ProcessContext) {
      authorize(actor, 'process.edit', ctx.town.id);
      return db.select().from(accessLinks).where(eq(accessLinks.processId, ctx.process.id)).orderBy(desc(accessLinks.createdAt));
    },

    /** Creates a link; the token is returned once (only its hash is stored). */
    async create(actor: Actor | null, ctx: ProcessContext, input: unknown): Promise<{ id: string; token: string }> {
      authorize(actor, 'process.edit', ctx.town.id);
      const data = parseOrThrow(createLinkSchema, input);
      const token = newToken();
      return db.transaction(async (tx) => {
        const [link] = await tx
          .insert(accessLinks)
          .values({
            townId: ctx.town.id,
            processId: ctx.process.id,
            tokenHash: hashToken(token),
            label: data.label,
            createdBy: actor!.userId,
            expiresAt: data.days ? new Date(Date.now() + data.days * 86_400_000) : null,
          })
          .returning();
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'access_link.created', details: { linkId: link!.id, label: data.label } });
        return { id: link!.id, token };
      });
    },

    async revoke(actor: Actor | null, ctx: ProcessContext, linkId: string): Promise<void> {
      authorize(actor, 'process.edit', ctx.town.id);
      if (!/^[0-9a-f-]{36}$/i.test(linkId)) throw new ProcessNotFoundError(`link ${linkId}`);
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(accessLinks)
          .set({ revokedAt: new Date() })
          .where(and(eq(accessLinks.id, linkId), eq(accessLinks.processId, ctx.process.id)))
          .returning();
        if (!updated.length) throw new ProcessNotFoundError(`link ${linkId}`);
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'access_link.revoked', details: { linkId } });
      });
    },

    /**
     * Looks a token up for the landing page (rate-limited per client). Returns the process it opens, or
     * 'rate_limited' / null for unknown, revoked or expired links.
     */
    async lookup(token: string, clientKey: string, count = false) {
      const limit = await hitRateLimit(db, `access-link:${clientKey}`, LINK_RATE_LIMIT, 900);
      if (!limit.allowed) return 'rate_limited' as const;
      const [row] = await db
        .select({ id: accessLinks.id, processId: accessLinks.processId, processSlug: processes.slug, processTitle: processes.title, townSlug: towns.slug, townName: towns.name })
        .from(accessLinks)
        .innerJoin(processes, eq(processes.id, accessLinks.processId))
        .innerJoin(towns, eq(towns.id, accessLinks.townId))
        .where(and(eq(accessLinks.tokenHash, hashToken(token)), usable(), eq(processes.published, true)));
      if (!row) return null;
      if (count) await db.update(accessLinks).set({ redemptions: sql`${accessLinks.redemptions} + 1` }).where(eq(accessLinks.id, row.id));
      return row;
    },

    /** Is `token` a usable link for this process right now? (Checked on every request, so revoking takes effect at once.) */
    async validFor(token: string | undefined, processId: string): Promise<boolean> {
      if (!token) return false;
      const [row] = await db.select({ id: accessLinks.id }).from(accessLinks).where(and(eq(accessLinks.tokenHash, hashToken(token)), eq(accessLinks.processId, processId), usable()));
      return Boolean(row);
    },
  };
}

export type AccessLinkService = ReturnType<typeof createAccessLinkService>;

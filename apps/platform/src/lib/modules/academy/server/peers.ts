import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../server/db/client.ts';
import { authorize, type Actor } from '../../../server/permissions.ts';
import { parseOrThrow } from '../../../server/validation.ts';
import { recordAudit } from '../../audit/server/service.ts';
import * as m from '../../../paraglide/messages.js';
import { users } from '../../accounts/server/schema.ts';
import { memberships, towns } from '../../towns/server/schema.ts';
import { TownNotFoundError } from '../../towns/server/service.ts';
import { atlasFacts, municipalities } from '../../atlas/server/schema.ts';
import { TYPE_KEYS, type TypeCode } from '../../atlas/server/bbsr.ts';
import { ideas } from '../../processes/server/schema.ts';
import type { Mailer } from '../../mail/server/outbox.ts';
import { academyEntries } from './schema.ts';
import { modelTownFacts } from './demo-content.ts';

/** One reason a town was suggested, as a message key with values (translated in the page). */
export interface PeerReason {
  key: 'type' | 'lage' | 'population' | 'change' | 'land' | 'topics';
  values: Record<string, string | number>;
}

export interface Peer {
  slug: string;
  name: string;
  landName: string | null;
  score: number;
  reasons: PeerReason[];
}

interface Profile {
  id: string;
  slug: string;
  name: string;
  landName: string | null;
  type: string | null;
  lage: string | null;
  population: number | null;
  change: number | null;
  topics: Map<string, number>;
}

export const contactSchema = z.object({
  message: z.string({ error: 'error_required' }).trim().min(10, 'error_message_too_short').max(4000, 'error_too_long'),
});

/**
 * "Towns like mine": suggests town spaces by similarity of official figures (BBSR town type and location,
 * population, population change since 2013 — from the atlas when imported, else the built-in model-town facts) and of
 * the topics they work on (fields of action of their ideas and published academy entries). Each suggestion carries
 * the reasons it was made. Employment figures are not in the atlas yet and are not used.
 */
export function createPeerService(deps: { db: Db; mailer: Mailer; origin: string }) {
  const { db, mailer, origin } = deps;

  async function profiles(): Promise<Profile[]> {
    const rows = await db
      .select({
        id: towns.id,
        slug: towns.slug,
        name: towns.name,
        landName: towns.landName,
        typeCode: atlasFacts.typeCode,
        lage: atlasFacts.lage,
        population: municipalities.population,
        change: atlasFacts.change2013,
      })
      .from(towns)
      .leftJoin(atlasFacts, eq(atlasFacts.ags, towns.ags))
      .leftJoin(municipalities, eq(municipalities.ags, towns.ags));
    const ideaTopics = await db.select({ townId: ideas.townId, field: ideas.field, n: sql<number>`count(*)::int` }).from(ideas).groupBy(ideas.townId, ideas.field);
    const entryTopics = await db
      .select({ townId: academyEntries.townId, field: sql<string>`unnest(${academyEntries.fieldsOfAction})`, n: sql<number>`count(*)::int` })
      .from(academyEntries)
      .where(and(eq(academyEntries.status, 'published'), sql`${academyEntries.townId} is not null`))
      .groupBy(academyEntries.townId, sql`2`);
    return rows.map((r) => {
      const fallback = modelTownFacts[r.slug];
      const topics = new Map<string, number>();
      for (const t of [...ideaTopics, ...entryTopics]) if (t.townId === r.id) topics.set(t.field, (topics.get(t.field) ?? 0) + t.n);
      return {
        id: r.id,
        slug: r.slug,
        name: r.name,
        landName: r.landName,
        type: r.typeCode !== null ? (TYPE_KEYS[r.typeCode as TypeCode] ?? null) : (fallback?.townType ?? null),
        lage: r.lage ?? fallback?.location ?? null,
        population: r.population ?? null,
        change: r.change ?? null,
        topics,
      };
    });
  }

  /** Similarity of two towns with the reasons; only reasons that hold are listed. */
  function compare(a: Profile, b: Profile): { score: number; reasons: PeerReason[] } {
    const reasons: PeerReason[] = [];
    let score = 0;
    if (a.type && a.type === b.type) {
      score += 3;
      reasons.push({ key: 'type', values: { type: a.type } });
    }
    if (a.lage && a.lage === b.lage) {
      score += 2;
      reasons.push({ key: 'lage', values: { lage: a.lage } });
    }
    if (a.population && b.population) {
      const ratio = Math.abs(Math.log(a.population / b.population));
      if (ratio < Math.log(1.5)) {
        score += 1.5 * (1 - ratio / Math.log(1.5));
        reasons.push({ key: 'population', values: { mine: a.population, theirs: b.population } });
      }
    }
    if (a.change !== null && b.change !== null && Math.abs(a.change - b.change) <= 3 && Math.sign(a.change) === Math.sign(b.change)) {
      score += 1.5;
      reasons.push({ key: 'change', values: { mine: a.change, theirs: b.change } });
    }
    if (a.landName && a.landName === b.landName) {
      score += 0.5;
      reasons.push({ key: 'land', values: { land: a.landName } });
    }
    const shared = [...a.topics.keys()].filter((t) => b.topics.has(t));
    if (shared.length) {
      const union = new Set([...a.topics.keys(), ...b.topics.keys()]).size;
      score += 3 * (shared.length / union);
      shared.sort((x, y) => (b.topics.get(y)! + a.topics.get(y)!) - (b.topics.get(x)! + a.topics.get(x)!) || x.localeCompare(y));
      reasons.push({ key: 'topics', values: { topics: shared.slice(0, 4).join(',') } });
    }
    return { score: Math.round(score * 100) / 100, reasons };
  }

  return {
    /** The towns most like the given one, best first, each with its reasons (public: official figures and public topics). */
    async suggest(townSlug: string, limit = 5): Promise<{ town: { slug: string; name: string }; peers: Peer[] }> {
      const all = await profiles();
      const me = all.find((p) => p.slug === townSlug);
      if (!me) throw new TownNotFoundError(townSlug);
      const peers = all
        .filter((p) => p.id !== me.id)
        .map((p) => ({ slug: p.slug, name: p.name, landName: p.landName, ...compare(me, p) }))
        .filter((p) => p.score > 0)
        .sort((x, y) => y.score - x.score || x.name.localeCompare(y.name))
        .slice(0, limit);
      return { town: { slug: me.slug, name: me.name }, peers };
    },

    /**
     * "Ask for exchange": a town admin or moderator writes to a peer town; its admins get the message by mail with the
     * sender's address to reply to.
     */
    async contact(actor: Actor | null, fromSlug: string, toSlug: string, input: unknown) {
      const found = await db.select({ id: towns.id, slug: towns.slug, name: towns.name }).from(towns).where(inArray(towns.slug, [fromSlug, toSlug]));
      const from = found.find((t) => t.slug === fromSlug);
      const to = found.find((t) => t.slug === toSlug);
      if (!from) throw new TownNotFoundError(fromSlug);
      if (!to || to.id === from.id) throw new TownNotFoundError(toSlug);
      authorize(actor, 'academy.contactPeer', from.id);
      const { message } = parseOrThrow(contactSchema, input);
      return db.transaction(async (tx) => {
        const [sender] = await tx.select({ email: users.email, displayName: users.displayName }).from(users).where(eq(users.id, actor!.userId));
        const admins = await tx
          .select({ email: users.email, locale: users.locale })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.townId, to.id), eq(memberships.role, 'town_admin'), ne(users.id, actor!.userId)));
        for (const admin of admins) {
          // In the recipient's language, with the sender's address to reply to directly.
          const locale = admin.locale === 'en' ? 'en' : 'de';
          const link = `${origin}${locale === 'en' ? '/en' : ''}/t/${from.slug}`;
          await mailer.enqueue(tx, {
            to: admin.email,
            kind: 'peer_contact',
            subject: m.academy_mail_peer_contact_subject({ from: from.name, to: to.name }, { locale }),
            text: m.academy_mail_peer_contact_body({ sender: sender?.displayName ?? '', from: from.name, message, email: sender?.email ?? '', link }, { locale }),
          });
        }
        await recordAudit(tx, { actorId: actor!.userId, townId: from.id, action: 'academy.peer_contacted', details: { to: to.slug } });
        return { recipients: admins.length };
      });
    },
  };
}

export type PeerService = ReturnType<typeof createPeerService>;

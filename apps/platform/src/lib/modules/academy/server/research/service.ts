import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../../server/db/client.ts';
import { authorize, can, ForbiddenError, type Actor } from '../../../../server/permissions.ts';

/** How the actor relates to a profile, for the permission check: the profile linked to the actor's account is theirs. */
function relationTo(actor: Actor | null, researcher: { userId: string | null }) {
  return { owner: Boolean(actor) && researcher.userId !== null && researcher.userId === actor!.userId };
}
import { parseOrThrow, ValidationError } from '../../../../server/validation.ts';
import { renderMarkdown } from '../../../../server/content/markdown.ts';
import { users } from '../../../accounts/server/schema.ts';
import { towns } from '../../../towns/server/schema.ts';
import type { TownDirectory } from '../../../towns/server/service.ts';
import { uniqueSlug } from '../slug.ts';
import { fieldsOfAction, researchQuestionStatuses } from '../../taxonomy.ts';
import { academyEntries } from '../schema.ts';
import { EntryNotFoundError } from '../service.ts';
import { academyOrgs, academyResearchAnswers, academyResearchers, academyResearchQuestions } from '../network/schema.ts';
import { researchAnswerSchema, researcherSchema, researchQuestionSchema, researchStatusSchema } from '../network/validation.ts';
import { recordAudit } from '../../../audit/server/record.ts';

export type Researcher = typeof academyResearchers.$inferSelect;

/**
 * Kleinstadtforschung: researcher profiles (kept by the researcher, or standalone by editors), the literature (the
 * knowledge base's publications) and open research questions that researchers or towns post and anyone with an
 * account helps to answer. Everything is public to read.
 */
export function createResearchService(deps: { db: Db; towns: TownDirectory }) {
  const { db, towns: townDirectory } = deps;

  async function requireResearcher(slug: string): Promise<Researcher> {
    const [r] = await db.select().from(academyResearchers).where(eq(academyResearchers.slug, slug));
    if (!r) throw new EntryNotFoundError(slug);
    return r;
  }

  async function profileOf(userId: string): Promise<Researcher | undefined> {
    const [r] = await db.select().from(academyResearchers).where(eq(academyResearchers.userId, userId));
    return r;
  }

  /** The institution from the directory (by slug), or null; an unknown slug is a field error. */
  async function orgIdFor(input: unknown): Promise<string | null> {
    const slug = typeof input === 'object' && input && 'org' in input ? String((input as { org: unknown }).org ?? '') : '';
    if (!slug) return null;
    const [org] = await db.select({ id: academyOrgs.id }).from(academyOrgs).where(and(eq(academyOrgs.slug, slug), eq(academyOrgs.status, 'approved')));
    if (!org) throw new ValidationError({ org: 'error_invalid_choice' });
    return org.id;
  }

  const requireTown = (slug: string) => townDirectory.ref(slug);

  async function requireQuestion(slug: string) {
    const [q] = await db.select().from(academyResearchQuestions).where(eq(academyResearchQuestions.slug, slug));
    if (!q) throw new EntryNotFoundError(slug);
    return q;
  }

  return {
    profileOf,

    async researchers() {
      return db
        .select({ slug: academyResearchers.slug, name: academyResearchers.name, institution: academyResearchers.institution, fieldsOfAction: academyResearchers.fieldsOfAction, topics: academyResearchers.topics })
        .from(academyResearchers)
        .orderBy(asc(academyResearchers.name));
    },

    async researcher(actor: Actor | null, slug: string) {
      const researcher = await requireResearcher(slug);
      const [org] = researcher.orgId ? await db.select({ slug: academyOrgs.slug, name: academyOrgs.name, status: academyOrgs.status }).from(academyOrgs).where(eq(academyOrgs.id, researcher.orgId)) : [];
      const questions = await db
        .select({ slug: academyResearchQuestions.slug, title: academyResearchQuestions.title, status: academyResearchQuestions.status })
        .from(academyResearchQuestions)
        .where(eq(academyResearchQuestions.researcherId, researcher.id))
        .orderBy(desc(academyResearchQuestions.createdAt));
      return {
        researcher,
        bioHtml: renderMarkdown(researcher.bio),
        org: org && org.status === 'approved' ? org : null,
        questions,
        mayEdit: can(actor, 'academy.editResearcher', undefined, relationTo(actor, researcher)),
      };
    },

    /** Creates or changes the actor's own profile (linked to the account). */
    async saveOwnProfile(actor: Actor | null, input: unknown): Promise<Researcher> {
      authorize(actor, 'academy.researchProfile');
      const data = parseOrThrow(researcherSchema, input);
      const orgId = await orgIdFor(input);
      const existing = await profileOf(actor!.userId);
      return db.transaction(async (tx) => {
        const [saved] = existing
          ? await tx.update(academyResearchers).set({ ...data, orgId, updatedAt: new Date() }).where(eq(academyResearchers.id, existing.id)).returning()
          : await tx.insert(academyResearchers).values({ ...data, orgId, slug: uniqueSlug(data.name, 'forschende'), userId: actor!.userId, createdBy: actor!.userId }).returning();
        await recordAudit(tx, { actorId: actor!.userId, action: existing ? 'academy.researcher_updated' : 'academy.researcher_created', details: { slug: saved!.slug } });
        return saved!;
      });
    },

    /** Editors add a standalone profile (not linked to an account). */
    async createStandalone(actor: Actor | null, input: unknown): Promise<Researcher> {
      authorize(actor, 'academy.manageResearch');
      const data = parseOrThrow(researcherSchema, input);
      const orgId = await orgIdFor(input);
      return db.transaction(async (tx) => {
        const [saved] = await tx.insert(academyResearchers).values({ ...data, orgId, slug: uniqueSlug(data.name, 'forschende'), createdBy: actor!.userId }).returning();
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.researcher_created', details: { slug: saved!.slug } });
        return saved!;
      });
    },

    /** A profile with the directory slug of its institution, for the edit form (its researcher, or editors). */
    async forEdit(actor: Actor | null, slug: string) {
      const researcher = await requireResearcher(slug);
      authorize(actor, 'academy.editResearcher', undefined, relationTo(actor, researcher));
      const [org] = researcher.orgId ? await db.select({ slug: academyOrgs.slug }).from(academyOrgs).where(eq(academyOrgs.id, researcher.orgId)) : [];
      return { researcher, org: org?.slug ?? '', standalone: researcher.userId === null };
    },

    /** Changes a profile: its own researcher, or editors (the only ones for standalone profiles). */
    async update(actor: Actor | null, slug: string, input: unknown): Promise<Researcher> {
      const researcher = await requireResearcher(slug);
      authorize(actor, 'academy.editResearcher', undefined, relationTo(actor, researcher));
      const data = parseOrThrow(researcherSchema, input);
      const orgId = await orgIdFor(input);
      return db.transaction(async (tx) => {
        const [saved] = await tx.update(academyResearchers).set({ ...data, orgId, updatedAt: new Date() }).where(eq(academyResearchers.id, researcher.id)).returning();
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.researcher_updated', details: { slug, standalone: researcher.userId === null } });
        return saved!;
      });
    },

    /** The literature: the knowledge base's published publications, newest first. */
    async literature(limit = 50) {
      return db
        .select({ slug: academyEntries.slug, title: academyEntries.title, authors: academyEntries.authors, year: academyEntries.year, citation: academyEntries.citation })
        .from(academyEntries)
        .where(and(eq(academyEntries.status, 'published'), eq(academyEntries.kind, 'publikation')))
        .orderBy(sql`${academyEntries.year} desc nulls last`, asc(academyEntries.title))
        .limit(limit);
    },

    /** Research questions, newest first, by status and field of action (unknown filter values are ignored). */
    async questions(filter: { status?: string | null; field?: string | null } = {}) {
      const where: SQL[] = [];
      if (filter.status && (researchQuestionStatuses as readonly string[]).includes(filter.status)) where.push(eq(academyResearchQuestions.status, filter.status as (typeof researchQuestionStatuses)[number]));
      if (filter.field && (fieldsOfAction as readonly string[]).includes(filter.field)) where.push(sql`${academyResearchQuestions.fieldsOfAction} @> array[${filter.field}]::text[]`);
      return db
        .select({
          slug: academyResearchQuestions.slug,
          title: academyResearchQuestions.title,
          status: academyResearchQuestions.status,
          fieldsOfAction: academyResearchQuestions.fieldsOfAction,
          createdAt: academyResearchQuestions.createdAt,
          researcherName: academyResearchers.name,
          townName: towns.name,
          answers: sql<number>`(select count(*)::int from academy_research_answers a where a.question_id = ${academyResearchQuestions.id})`,
        })
        .from(academyResearchQuestions)
        .leftJoin(academyResearchers, eq(academyResearchers.id, academyResearchQuestions.researcherId))
        .leftJoin(towns, eq(towns.id, academyResearchQuestions.townId))
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(academyResearchQuestions.createdAt))
        .limit(200);
    },

    async question(actor: Actor | null, slug: string) {
      const question = await requireQuestion(slug);
      const [researcher] = question.researcherId ? await db.select({ slug: academyResearchers.slug, name: academyResearchers.name }).from(academyResearchers).where(eq(academyResearchers.id, question.researcherId)) : [];
      const [town] = question.townId ? await db.select({ slug: towns.slug, name: towns.name }).from(towns).where(eq(towns.id, question.townId)) : [];
      const answers = await db
        .select({
          id: academyResearchAnswers.id,
          body: academyResearchAnswers.body,
          url: academyResearchAnswers.url,
          createdAt: academyResearchAnswers.createdAt,
          author: users.displayName,
          researcherSlug: academyResearchers.slug,
          researcherName: academyResearchers.name,
          townName: towns.name,
        })
        .from(academyResearchAnswers)
        .leftJoin(users, eq(users.id, academyResearchAnswers.authorId))
        .leftJoin(academyResearchers, eq(academyResearchers.id, academyResearchAnswers.researcherId))
        .leftJoin(towns, eq(towns.id, academyResearchAnswers.townId))
        .where(eq(academyResearchAnswers.questionId, question.id))
        .orderBy(asc(academyResearchAnswers.createdAt));
      return {
        question,
        bodyHtml: renderMarkdown(question.body),
        researcher: researcher ?? null,
        town: town ?? null,
        answers: answers.map((a) => ({ ...a, bodyHtml: renderMarkdown(a.body) })),
        mayChangeStatus: Boolean(actor) && (question.postedBy === actor!.userId || can(actor, 'academy.manageResearch')),
      };
    },

    /**
     * Posts an open research question: `as` = `researcher` (the actor's own profile) or a town's slug (members of
     * that town, in its name).
     */
    async ask(actor: Actor | null, input: Record<string, unknown>) {
      authorize(actor, 'academy.researchProfile');
      const as = typeof input.as === 'string' ? input.as : '';
      let researcherId: string | null = null;
      let townId: string | null = null;
      if (as === 'researcher') {
        const profile = await profileOf(actor!.userId);
        if (!profile) throw new ValidationError({ as: 'error_research_profile_required' });
        researcherId = profile.id;
      } else {
        if (!as) throw new ValidationError({ as: 'error_required' });
        const town = await requireTown(as);
        authorize(actor, 'academy.researchAsTown', town.id);
        townId = town.id;
      }
      const data = parseOrThrow(researchQuestionSchema, input);
      return db.transaction(async (tx) => {
        const [q] = await tx.insert(academyResearchQuestions).values({ ...data, slug: uniqueSlug(data.title, 'forschungsfrage'), researcherId, townId, postedBy: actor!.userId }).returning();
        await recordAudit(tx, { actorId: actor!.userId, townId, action: 'academy.research_question_posted', details: { slug: q!.slug } });
        return q!;
      });
    },

    /** Adds an answer or a link; shown under the actor's researcher profile when there is one. */
    async answer(actor: Actor | null, slug: string, input: unknown) {
      authorize(actor, 'academy.answerResearch');
      const question = await requireQuestion(slug);
      const data = parseOrThrow(researchAnswerSchema, input);
      const profile = await profileOf(actor!.userId);
      return db.transaction(async (tx) => {
        const [a] = await tx.insert(academyResearchAnswers).values({ ...data, questionId: question.id, authorId: actor!.userId, researcherId: profile?.id ?? null }).returning();
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.research_answered', details: { slug } });
        return a!;
      });
    },

    /** Changes the status (who posted the question, or editors). */
    async setStatus(actor: Actor | null, slug: string, input: unknown) {
      const question = await requireQuestion(slug);
      if (!actor || (question.postedBy !== actor.userId && !can(actor, 'academy.manageResearch'))) throw new ForbiddenError('academy.manageResearch');
      const { status } = parseOrThrow(researchStatusSchema, input);
      await db.transaction(async (tx) => {
        await tx.update(academyResearchQuestions).set({ status, updatedAt: new Date() }).where(eq(academyResearchQuestions.id, question.id));
        await recordAudit(tx, { actorId: actor.userId, action: 'academy.research_status', details: { slug, status } });
      });
      return status;
    },
  };
}

export type ResearchService = ReturnType<typeof createResearchService>;

import { and, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { academyEntries } from './schema.ts';
import { academyAnswers, academyEventRegistrations, academyEvents, academyQuestions } from './events-schema.ts';
import { academyResearchAnswers, academyResearchers, academyResearchQuestions } from './network/schema.ts';

/**
 * What the academy stores about a person, for the account export and deletion: event registrations, questions and
 * answers between towns, knowledge entries they wrote, their researcher profile and research contributions.
 * Deletion removes the registrations, unpublished drafts and the public researcher profile (name and contact
 * address); published contributions stay without the person (the foreign keys forget who wrote them).
 */
export function createAcademyPersonalData(db: Db) {
  return {
    name: 'academy',
    async collect(userId: string): Promise<Record<string, unknown[]>> {
      const [registrations, questions, answers, entries, researcher, researchQuestions, researchAnswers] = await Promise.all([
        db.select({ event: academyEvents.title, startsAt: academyEvents.startsAt, status: academyEventRegistrations.status, registeredAt: academyEventRegistrations.createdAt }).from(academyEventRegistrations).innerJoin(academyEvents, eq(academyEvents.id, academyEventRegistrations.eventId)).where(eq(academyEventRegistrations.userId, userId)),
        db.select({ title: academyQuestions.title, body: academyQuestions.body, createdAt: academyQuestions.createdAt }).from(academyQuestions).where(eq(academyQuestions.askedBy, userId)),
        db.select({ question: academyQuestions.title, body: academyAnswers.body, createdAt: academyAnswers.createdAt }).from(academyAnswers).innerJoin(academyQuestions, eq(academyQuestions.id, academyAnswers.questionId)).where(eq(academyAnswers.answeredBy, userId)),
        db.select({ title: academyEntries.title, kind: academyEntries.kind, status: academyEntries.status, authors: academyEntries.authors, createdAt: academyEntries.createdAt }).from(academyEntries).where(eq(academyEntries.createdBy, userId)),
        db.select({ name: academyResearchers.name, institution: academyResearchers.institution, bio: academyResearchers.bio, website: academyResearchers.website, publicEmail: academyResearchers.publicEmail, topics: academyResearchers.topics }).from(academyResearchers).where(eq(academyResearchers.userId, userId)),
        db.select({ title: academyResearchQuestions.title, body: academyResearchQuestions.body, createdAt: academyResearchQuestions.createdAt }).from(academyResearchQuestions).where(eq(academyResearchQuestions.postedBy, userId)),
        db.select({ question: academyResearchQuestions.title, body: academyResearchAnswers.body, url: academyResearchAnswers.url }).from(academyResearchAnswers).innerJoin(academyResearchQuestions, eq(academyResearchQuestions.id, academyResearchAnswers.questionId)).where(eq(academyResearchAnswers.authorId, userId)),
      ]);
      return { eventRegistrations: registrations, questions, answers, knowledgeEntries: entries, researcherProfile: researcher, researchQuestions, researchAnswers };
    },
    async erase(tx: Tx, userId: string): Promise<void> {
      await tx.delete(academyEventRegistrations).where(eq(academyEventRegistrations.userId, userId));
      await tx.delete(academyEntries).where(and(eq(academyEntries.createdBy, userId), ne(academyEntries.status, 'published')));
      await tx.delete(academyResearchers).where(eq(academyResearchers.userId, userId));
    },
  };
}

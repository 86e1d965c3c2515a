import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, type Actor } from '../../../server/permissions.ts';
import { isUuid } from '../../../server/validation.ts';
import * as m from '../../../paraglide/messages.js';
import { recordAudit } from '../../audit/server/record.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import type { TownDirectory } from '../../towns/server/service.ts';
import { ProcessNotFoundError } from './errors.ts';
import { ideaComments, ideaReports, ideas, processes } from './schema.ts';
import type { ProcessContext } from './service.ts';

/**
 * The moderation of reported contributions: the town's moderators hear of a report (through their notification
 * settings), work on one queue per town, and the people who reported hear the outcome. Hiding itself stays with the
 * idea collection (`ideas.hide`), which calls `tellReporters`.
 */

/** Tells the town's moderators of a new report, with a link to their queue. */
export async function notifyModerators(deps: { notifications: NotificationService; origin: string }, tx: Db | Tx, moderators: string[], ctx: ProcessContext, ideaTitle: string, reason: string) {
  for (const moderator of moderators) {
    await deps.notifications.notify(
      moderator,
      'moderation',
      ({ locale, displayName }) => ({
        subject: m.mail_report_subject({ town: ctx.town.name }, { locale }),
        text: m.mail_report_body({ name: displayName, title: ideaTitle, process: ctx.process.title, reason }, { locale }),
        link: `${deps.origin}${locale === 'en' ? '/en' : ''}/t/${ctx.town.slug}/moderation`,
      }),
      tx,
    );
  }
}

/** Tells the people who reported what the moderation decided (once per person). */
export async function tellReporters(notifications: NotificationService, tx: Db | Tx, ctx: Pick<ProcessContext, 'town'>, reports: { reporterId: string | null }[], outcome: 'hidden' | 'dismissed', ideaTitle: string) {
  for (const reporterId of new Set(reports.map((r) => r.reporterId).filter((id): id is string => Boolean(id)))) {
    await notifications.notify(
      reporterId,
      'report_outcome',
      ({ locale, displayName }) => ({
        subject: m.mail_report_outcome_subject({ title: ideaTitle }, { locale }),
        text: (outcome === 'hidden' ? m.mail_report_outcome_hidden : m.mail_report_outcome_dismissed)({ name: displayName, title: ideaTitle, town: ctx.town.name }, { locale }),
      }),
      tx,
    );
  }
}

export function createModerationService(deps: { db: Db; towns: TownDirectory; notifications: NotificationService }) {
  const { db, towns: townDirectory, notifications } = deps;

  return {
    /**
     * The town's moderation queue: open reports of ideas and comments in all its processes, oldest first, with where
     * they are (town moderators and admins; the reporter stays anonymous to them).
     */
    async queue(actor: Actor | null, townSlug: string) {
      const town = await townDirectory.ref(townSlug);
      authorize(actor, 'town.moderate', town.id);
      const rows = await db
        .select({
          reportId: ideaReports.id,
          reason: ideaReports.reason,
          reportedAt: ideaReports.createdAt,
          ideaId: ideas.id,
          ideaTitle: ideas.title,
          ideaHidden: ideas.hiddenReason,
          commentId: ideaComments.id,
          commentBody: ideaComments.body,
          commentHidden: ideaComments.hiddenReason,
          componentId: ideas.componentId,
          processSlug: processes.slug,
          processTitle: processes.title,
        })
        .from(ideaReports)
        .innerJoin(ideas, eq(ideas.id, ideaReports.ideaId))
        .innerJoin(processes, eq(processes.id, ideas.processId))
        .leftJoin(ideaComments, eq(ideaComments.id, ideaReports.commentId))
        .where(and(eq(ideas.townId, town.id), isNull(ideaReports.resolvedAt)))
        .orderBy(asc(ideaReports.createdAt));
      return { town, reports: rows };
    },

    /** Closes a report without hiding anything (no violation); the reporter is told. */
    async dismiss(actor: Actor | null, townSlug: string, reportId: string): Promise<void> {
      const town = await townDirectory.ref(townSlug);
      authorize(actor, 'town.moderate', town.id);
      if (!isUuid(reportId)) throw new ProcessNotFoundError(`report ${reportId}`);
      const [row] = await db
        .select({ report: ideaReports, ideaTitle: ideas.title })
        .from(ideaReports)
        .innerJoin(ideas, eq(ideas.id, ideaReports.ideaId))
        .where(and(eq(ideaReports.id, reportId), eq(ideas.townId, town.id)));
      if (!row) throw new ProcessNotFoundError(`report ${reportId}`);
      if (row.report.resolvedAt) return;
      const ctx = { town };
      await db.transaction(async (tx) => {
        await tx.update(ideaReports).set({ resolvedAt: new Date(), outcome: 'dismissed' }).where(eq(ideaReports.id, reportId));
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'idea.report_dismissed', details: { ideaId: row.report.ideaId, reportId } });
        await tellReporters(notifications, tx, ctx, [row.report], 'dismissed', row.ideaTitle);
      });
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;

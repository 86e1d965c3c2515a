import { and, asc, count, eq, gt, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { escapeText, icalCalendar, icalDate } from '../../../server/ical.ts';
import { z } from 'zod';
import type { Db, Tx } from '../../../server/db/client.ts';
import type { Actor } from '../../../server/permissions.ts';
import { parseOrThrow, ValidationError, whenValid } from '../../../server/validation.ts';
import { users } from '../../accounts/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import { ProcessNotFoundError } from './errors.ts';
import { componentPermissions, components, meetingRegistrations, meetings, processes } from './schema.ts';
import type { Component, ProcessContext, ProcessService } from './service.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import type { Mailer } from '../../mail/server/outbox.ts';
import { meetingRegistrationMail } from './mails.ts';
import * as m from '../../../paraglide/messages.js';
import { fromBerlin, isLocalDateTime, localDateTimeField } from '../../../server/berlin-time.ts';
import { recordAudit } from '../../audit/server/record.ts';

export type Meeting = typeof meetings.$inferSelect;

export const meetingSchema = z
  .object({
    title: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(200, 'error_too_long'),
    startsAt: localDateTimeField,
    endsAt: localDateTimeField,
    place: z.string().trim().max(200, 'error_too_long').default(''),
    address: z.string().trim().max(300, 'error_too_long').default(''),
    onlineUrl: z
      .string()
      .trim()
      .max(500, 'error_too_long')
      .refine((v) => v === '' || /^https:\/\/[^\s]+$/.test(v), 'error_url_https_invalid')
      .transform((v) => v || null)
      .optional(),
    agenda: z.string().trim().max(20_000, 'error_too_long').default(''),
    capacity: z
      .string()
      .trim()
      .regex(/^\d{0,5}$/, 'error_capacity_optional_invalid')
      .transform((v) => (v ? Number(v) : null))
      .refine((v) => v === null || v > 0, 'error_capacity_optional_invalid')
      .optional(),
  })
  .refine((m) => !(isLocalDateTime(m.startsAt) && isLocalDateTime(m.endsAt)) || m.startsAt < m.endsAt, { path: ['endsAt'], message: 'error_date_order', ...whenValid('startsAt', 'endsAt') });

const protocolSchema = z.object({ protocol: z.string().max(100_000, 'error_too_long') });

export function createMeetingService(deps: { db: Db; processes: ProcessService; notifications: NotificationService; mailer: Mailer; origin: string }) {
  const { db, processes: processService, notifications, mailer, origin } = deps;

  /** Queues a registration mail in the registration's transaction (sent only if it commits). */
  async function mailRegistration(tx: Db | Tx, kind: 'registered' | 'waiting' | 'promoted', userId: string, ctx: ProcessContext, meeting: Meeting) {
    const [to] = await tx.select({ email: users.email, displayName: users.displayName, locale: users.locale }).from(users).where(eq(users.id, userId));
    if (to) await mailer.enqueue(tx, meetingRegistrationMail(kind, to, origin, { townSlug: ctx.town.slug, processSlug: ctx.process.slug, processTitle: ctx.process.title }, meeting));
  }

  async function requireMeeting(ctx: ProcessContext, component: Component, meetingId: string): Promise<Meeting> {
    if (!/^[0-9a-f-]{36}$/i.test(meetingId)) throw new ProcessNotFoundError(`meeting ${meetingId}`);
    const [meeting] = await db.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.componentId, component.id)));
    if (!meeting || meeting.townId !== ctx.town.id) throw new ProcessNotFoundError(`meeting ${meetingId}`);
    return meeting;
  }

  return {
    requireMeeting,

    /** Meetings of a component with registration counts and the asking person's status. */
    /** Meetings for the open data and the participation API: of the given components (checked by the caller). */
    async publicMeetings(componentIds: readonly string[], filter: { since?: Date; until?: Date; offset: number; limit: number }) {
      if (componentIds.length === 0) return { total: 0, rows: [] };
      const where = and(inArray(meetings.componentId, [...componentIds]), filter.since ? gte(meetings.startsAt, filter.since) : undefined, filter.until ? lt(meetings.startsAt, filter.until) : undefined);
      const [[counted], rows] = await Promise.all([
        db.select({ n: count() }).from(meetings).where(where),
        db
          .select({
            id: meetings.id,
            componentId: meetings.componentId,
            title: meetings.title,
            startsAt: meetings.startsAt,
            endsAt: meetings.endsAt,
            place: meetings.place,
            address: meetings.address,
            onlineUrl: meetings.onlineUrl,
            capacity: meetings.capacity,
            registered: sql<number>`(select count(*)::int from ${meetingRegistrations} r where r.meeting_id = ${meetings.id} and r.status = 'registered')`,
          })
          .from(meetings)
          .where(where)
          .orderBy(asc(meetings.startsAt), asc(meetings.id))
          .limit(filter.limit)
          .offset(filter.offset),
      ]);
      return { total: counted?.n ?? 0, rows };
    },

    /** A person's meeting registrations, for the GDPR export. */
    async personalData(userId: string) {
      return db
        .select({ meeting: meetings.title, startsAt: meetings.startsAt, status: meetingRegistrations.status, attended: meetingRegistrations.attended, registeredAt: meetingRegistrations.createdAt })
        .from(meetingRegistrations)
        .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
        .where(eq(meetingRegistrations.userId, userId))
        .orderBy(asc(meetings.startsAt));
    },

    /** Removes a person's registrations (account deletion). */
    async erasePersonalData(tx: Db | Tx, userId: string): Promise<void> {
      await tx.delete(meetingRegistrations).where(eq(meetingRegistrations.userId, userId));
    },

    async list(actor: Actor | null, ctx: ProcessContext, component: Component) {
      processService.authorize(actor, ctx, component, 'meetings:view');
      const rows = await db.select().from(meetings).where(eq(meetings.componentId, component.id)).orderBy(asc(meetings.startsAt));
      const ids = rows.map((r) => r.id);
      const counts = ids.length
        ? await db
            .select({ meetingId: meetingRegistrations.meetingId, status: meetingRegistrations.status, n: count() })
            .from(meetingRegistrations)
            .where(inArray(meetingRegistrations.meetingId, ids))
            .groupBy(meetingRegistrations.meetingId, meetingRegistrations.status)
        : [];
      const mine = actor && ids.length
        ? await db.select().from(meetingRegistrations).where(and(inArray(meetingRegistrations.meetingId, ids), eq(meetingRegistrations.userId, actor.userId)))
        : [];
      return rows.map((meeting) => ({
        ...meeting,
        registered: counts.find((c) => c.meetingId === meeting.id && c.status === 'registered')?.n ?? 0,
        waiting: counts.find((c) => c.meetingId === meeting.id && c.status === 'waiting')?.n ?? 0,
        myStatus: mine.find((r) => r.meetingId === meeting.id)?.status ?? null,
      }));
    },

    /** Registrations of a meeting with names (for the attendance list; managers only). */
    async registrations(actor: Actor | null, ctx: ProcessContext, component: Component, meetingId: string) {
      processService.authorize(actor, ctx, component, 'meetings:manage');
      const meeting = await requireMeeting(ctx, component, meetingId);
      return db
        .select({ userId: meetingRegistrations.userId, displayName: users.displayName, status: meetingRegistrations.status, attended: meetingRegistrations.attended, createdAt: meetingRegistrations.createdAt })
        .from(meetingRegistrations)
        .innerJoin(users, eq(users.id, meetingRegistrations.userId))
        .where(eq(meetingRegistrations.meetingId, meeting.id))
        .orderBy(asc(meetingRegistrations.createdAt));
    },

    async create(actor: Actor | null, ctx: ProcessContext, component: Component, input: unknown): Promise<Meeting> {
      processService.authorize(actor, ctx, component, 'meetings:manage');
      const data = parseOrThrow(meetingSchema, input);
      const defaultCapacity = (component.settings as { defaultCapacity?: number | null }).defaultCapacity ?? null;
      return db.transaction(async (tx) => {
        const [meeting] = await tx
          .insert(meetings)
          .values({
            ...data,
            startsAt: fromBerlin(data.startsAt),
            endsAt: fromBerlin(data.endsAt),
            onlineUrl: data.onlineUrl ?? null,
            capacity: data.capacity === undefined ? defaultCapacity : data.capacity,
            townId: ctx.town.id,
            componentId: component.id,
          })
          .returning();
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'meeting.created', details: { meetingId: meeting!.id } });
        return meeting!;
      });
    },

    async update(actor: Actor | null, ctx: ProcessContext, component: Component, meetingId: string, input: unknown): Promise<void> {
      processService.authorize(actor, ctx, component, 'meetings:manage');
      const meeting = await requireMeeting(ctx, component, meetingId);
      const data = parseOrThrow(meetingSchema, input);
      await db.transaction(async (tx) => {
        await tx
          .update(meetings)
          .set({ ...data, startsAt: fromBerlin(data.startsAt), endsAt: fromBerlin(data.endsAt), onlineUrl: data.onlineUrl ?? null, capacity: data.capacity ?? null, updatedAt: new Date() })
          .where(eq(meetings.id, meeting.id));
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'meeting.edited', details: { meetingId } });
      });
    },

    /** Saves the protocol (Markdown; sanitized whenever it is shown). */
    async saveProtocol(actor: Actor | null, ctx: ProcessContext, component: Component, meetingId: string, input: unknown): Promise<void> {
      processService.authorize(actor, ctx, component, 'meetings:manage');
      const meeting = await requireMeeting(ctx, component, meetingId);
      const { protocol } = parseOrThrow(protocolSchema, input);
      await db.transaction(async (tx) => {
        await tx.update(meetings).set({ protocol, updatedAt: new Date() }).where(eq(meetings.id, meeting.id));
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'meeting.protocol_saved', details: { meetingId } });
      });
    },

    /**
     * Registers the actor: a seat while there are free seats, the waiting list otherwise. The meeting row is locked
     * so that two people can never take the last seat at once; registering twice changes nothing.
     */
    async register(actor: Actor | null, ctx: ProcessContext, component: Component, meetingId: string): Promise<'registered' | 'waiting'> {
      processService.authorize(actor, ctx, component, 'meetings:register');
      if (!actor) throw new ValidationError({ _form: 'error_login_required' });
      await requireMeeting(ctx, component, meetingId);
      return db.transaction(async (tx) => {
        const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
        if (meeting!.endsAt.getTime() < Date.now()) throw new ValidationError({ _form: 'error_meeting_past' });
        const [existing] = await tx.select().from(meetingRegistrations).where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.userId, actor.userId)));
        if (existing) return existing.status;
        const [{ n }] = (await tx
          .select({ n: count() })
          .from(meetingRegistrations)
          .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.status, 'registered')))) as [{ n: number }];
        const status = meeting!.capacity === null || n < meeting!.capacity ? 'registered' : 'waiting';
        await tx.insert(meetingRegistrations).values({ meetingId, userId: actor.userId, status });
        await recordAudit(tx, { actorId: actor.userId, townId: ctx.town.id, action: 'meeting.registered', details: { meetingId, status } });
        await mailRegistration(tx, status, actor.userId, ctx, meeting!);
        return status;
      });
    },

    /** Cancels the actor's registration; the first person on the waiting list moves up. */
    async cancel(actor: Actor | null, ctx: ProcessContext, component: Component, meetingId: string): Promise<void> {
      if (!actor) throw new ValidationError({ _form: 'error_login_required' });
      await requireMeeting(ctx, component, meetingId);
      await db.transaction(async (tx) => {
        await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
        const [removed] = await tx
          .delete(meetingRegistrations)
          .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.userId, actor.userId)))
          .returning();
        if (!removed) return;
        if (removed.status === 'registered') {
          const [next] = await tx
            .select()
            .from(meetingRegistrations)
            .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.status, 'waiting')))
            .orderBy(asc(meetingRegistrations.createdAt))
            .limit(1);
          if (next) {
            await tx.update(meetingRegistrations).set({ status: 'registered' }).where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.userId, next.userId)));
            const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, meetingId));
            await mailRegistration(tx, 'promoted', next.userId, ctx, meeting!);
          }
        }
        await recordAudit(tx, { actorId: actor.userId, townId: ctx.town.id, action: 'meeting.cancelled', details: { meetingId } });
      });
    },

    /** Sets who attended (form fields `a|<userId>`); only registered people can be marked. */
    async setAttendance(actor: Actor | null, ctx: ProcessContext, component: Component, meetingId: string, fields: Record<string, string>): Promise<void> {
      processService.authorize(actor, ctx, component, 'meetings:manage');
      await requireMeeting(ctx, component, meetingId);
      const present = Object.keys(fields)
        .filter((k) => k.startsWith('a|'))
        .map((k) => k.slice(2));
      await db.transaction(async (tx) => {
        await tx.update(meetingRegistrations).set({ attended: false }).where(eq(meetingRegistrations.meetingId, meetingId));
        if (present.length)
          await tx
            .update(meetingRegistrations)
            .set({ attended: true })
            .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.status, 'registered'), inArray(meetingRegistrations.userId, present)));
        await recordAudit(tx, { actorId: actor!.userId, townId: ctx.town.id, action: 'meeting.attendance_saved', details: { meetingId, present: present.length } });
      });
    },

    /**
     * Public meetings for a calendar feed: of one process, or of every published process of a town. Public means:
     * in the current phase, everyone may view the meetings component.
     */
    async publicFeed(townSlug: string, processSlug?: string) {
      const [town] = await db.select({ id: towns.id, name: towns.name, slug: towns.slug }).from(towns).where(eq(towns.slug, townSlug));
      if (!town) throw new ProcessNotFoundError(`town ${townSlug}`);
      const rows = await db
        .select({ meeting: meetings, processTitle: processes.title, processSlug: processes.slug })
        .from(meetings)
        .innerJoin(components, eq(components.id, meetings.componentId))
        .innerJoin(processes, eq(processes.id, components.processId))
        .innerJoin(
          componentPermissions,
          and(eq(componentPermissions.componentId, components.id), eq(componentPermissions.phaseId, processes.currentPhaseId), eq(componentPermissions.action, 'view')),
        )
        .where(
          and(
            eq(meetings.townId, town.id),
            eq(processes.published, true),
            sql`${componentPermissions.grants} @> '["anyone"]'::jsonb`,
            processSlug ? eq(processes.slug, processSlug) : undefined,
          ),
        )
        .orderBy(asc(meetings.startsAt));
      if (processSlug && rows.length === 0) {
        const [p] = await db.select({ id: processes.id }).from(processes).where(and(eq(processes.townId, town.id), eq(processes.slug, processSlug), eq(processes.published, true)));
        if (!p) throw new ProcessNotFoundError(`process ${processSlug}`);
      }
      return { town, rows };
    },

    /**
     * Reminds everybody with a seat of a meeting that starts within `hours` (housekeeping), once per registration,
     * through their notification settings (kind `meeting_reminder`; time-bound, so never into a digest). Row locks
     * with SKIP LOCKED keep two servers from sending the same reminder.
     */
    async sendReminders(hours = 24, now: Date = new Date()): Promise<number> {
      const until = new Date(now.getTime() + hours * 3_600_000);
      return db.transaction(async (tx) => {
        const due = await tx
          .select({ meeting: meetings, userId: meetingRegistrations.userId, processTitle: processes.title, processSlug: processes.slug, townSlug: towns.slug })
          .from(meetingRegistrations)
          .innerJoin(meetings, eq(meetings.id, meetingRegistrations.meetingId))
          .innerJoin(components, eq(components.id, meetings.componentId))
          .innerJoin(processes, eq(processes.id, components.processId))
          .innerJoin(towns, eq(towns.id, meetings.townId))
          .where(and(eq(meetingRegistrations.status, 'registered'), isNull(meetingRegistrations.reminderSentAt), gt(meetings.startsAt, now), lte(meetings.startsAt, until)))
          .limit(200)
          .for('update', { of: meetingRegistrations, skipLocked: true });
        for (const row of due) {
          await notifications.notify(
            row.userId,
            'meeting_reminder',
            ({ locale, displayName }) => {
              const date = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(row.meeting.startsAt);
              const place = [row.meeting.place, row.meeting.address].filter(Boolean).join(', ') || row.meeting.onlineUrl || '–';
              return {
                subject: m.mail_meeting_reminder_subject({ title: row.meeting.title, date }, { locale }),
                text: m.mail_meeting_reminder_body({ name: displayName, title: row.meeting.title, process: row.processTitle, date, place }, { locale }),
                link: `${origin}${locale === 'en' ? '/en' : ''}/t/${row.townSlug}/p/${row.processSlug}/c/${row.meeting.componentId}?meeting=${row.meeting.id}`,
                // Time-bound: mailed now also to digest readers (a digest could come after the meeting).
                expiresAt: row.meeting.startsAt,
              };
            },
            tx,
          );
          await tx
            .update(meetingRegistrations)
            .set({ reminderSentAt: now })
            .where(and(eq(meetingRegistrations.meetingId, row.meeting.id), eq(meetingRegistrations.userId, row.userId)));
        }
        return due.length;
      });
    },

    /** Upcoming public meetings of a town (for the town page). */
    async upcoming(townSlug: string, limit = 5) {
      const { rows } = await this.publicFeed(townSlug);
      const now = Date.now();
      return rows.filter((r) => r.meeting.endsAt.getTime() >= now).slice(0, limit);
    },
  };
}

export type MeetingService = ReturnType<typeof createMeetingService>;

/** Builds an iCalendar feed of meetings. */
export function icalFeed(name: string, origin: string, items: { meeting: Meeting; url: string }[]): string {
  const stamp = icalDate(new Date());
  return icalCalendar(
    '-//Kleinstadtakademie//Zukunftsprozess//DE',
    [`X-WR-CALNAME:${escapeText(name)}`],
    items.map(({ meeting, url }) => {
      const location = [meeting.place, meeting.address].filter(Boolean).join(', ');
      const description = [meeting.agenda, meeting.onlineUrl ? `Online: ${meeting.onlineUrl}` : '', `${origin}${url}`].filter(Boolean).join('\n\n');
      return [
        `UID:${meeting.id}@kleinstadtakademie`,
        `DTSTAMP:${stamp}`,
        `DTSTART:${icalDate(meeting.startsAt)}`,
        `DTEND:${icalDate(meeting.endsAt)}`,
        `SUMMARY:${escapeText(meeting.title)}`,
        ...(location ? [`LOCATION:${escapeText(location)}`] : []),
        `DESCRIPTION:${escapeText(description)}`,
        `URL:${origin}${url}`,
      ];
    }),
  );
}

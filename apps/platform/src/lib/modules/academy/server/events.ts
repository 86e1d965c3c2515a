import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../../server/db/client.ts';
import { authorize, can, ForbiddenError, type Actor } from '../../../server/permissions.ts';
import { parseOrThrow, ValidationError, whenValid } from '../../../server/validation.ts';
import { renderMarkdown } from '../../../server/content/markdown.ts';
import { users } from '../../accounts/server/schema.ts';
import { towns } from '../../towns/server/schema.ts';
import type { NotificationService } from '../../notifications/server/service.ts';
import type { Mailer, OutgoingMail } from '../../mail/server/outbox.ts';
import { academyMails, asNotification, type MailEvent, type Recipient } from './mails.ts';
import { uniqueSlug } from './slug.ts';
import { eventForms, fieldsOfAction, laender } from '../taxonomy.ts';
import { academyEntries } from './schema.ts';
import { academyEventRegistrations, academyEvents, academyVisitRequests } from './events-schema.ts';
import { icalendar } from './ical.ts';
import { EntryNotFoundError } from './service.ts';
import { fromBerlin, localDateTimeField } from '../../../server/berlin-time.ts';
import { recordAudit } from '../../audit/server/record.ts';

export type AcademyEvent = typeof academyEvents.$inferSelect;

const text = (max: number) => z.string().trim().max(max, 'error_too_long').default('');
const nullableChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(values, { error: 'error_invalid_choice' }).nullable().default(null));
/** `datetime-local` values are Berlin wall time. */
const berlinDateTime = localDateTimeField.transform((v) => fromBerlin(v));

export const eventSchema = z
  .object({
    form: z.enum(eventForms, { error: 'error_invalid_choice' }),
    title: z.string({ error: 'error_required' }).trim().min(3, 'error_title_too_short').max(200, 'error_too_long'),
    summary: text(1000),
    programme: text(20_000),
    speakers: text(1000),
    startsAt: berlinDateTime,
    endsAt: berlinDateTime,
    place: text(300),
    land: nullableChoice(laender),
    onlineUrl: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.url({ protocol: /^https?$/, error: 'error_url_invalid' }).nullable().default(null)),
    fieldsOfAction: z.array(z.enum(fieldsOfAction, { error: 'error_invalid_choice' })).default([]),
    capacity: z.preprocess((v) => (v === '' || v === undefined || v === null ? null : Number(v)), z.number({ error: 'error_capacity_invalid' }).int('error_capacity_invalid').min(1, 'error_capacity_invalid').max(100_000, 'error_capacity_invalid').nullable()),
  })
  .refine((e) => e.endsAt > e.startsAt, { path: ['endsAt'], message: 'error_end_before_start', ...whenValid('startsAt', 'endsAt') })
  .refine((e) => e.form !== 'digital' || e.onlineUrl, { path: ['onlineUrl'], message: 'error_online_url_required', ...whenValid('form', 'onlineUrl') })
  .refine((e) => e.form === 'digital' || e.place, { path: ['place'], message: 'error_required', ...whenValid('form', 'place') });

export const visitRequestSchema = z.object({
  topics: z.array(z.enum(fieldsOfAction, { error: 'error_invalid_choice' })).default([]),
  topicText: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(2000, 'error_too_long'),
  preferredDates: z.string({ error: 'error_required' }).trim().min(3, 'error_required').max(500, 'error_too_long'),
  participants: z.preprocess((v) => (v === '' || v === undefined || v === null ? null : Number(v)), z.number({ error: 'error_capacity_invalid' }).int('error_capacity_invalid').min(1, 'error_capacity_invalid').max(10_000, 'error_capacity_invalid').nullable()),
  message: text(4000),
});

const visitStatusSchema = z.object({ status: z.enum(['accepted', 'scheduled', 'declined'], { error: 'error_invalid_choice' }), note: text(2000) });

export interface EventFilters {
  form?: string | null;
  land?: string | null;
  field?: string | null;
  past?: boolean;
}

/**
 * Events in the four forms: calendar with filters, registration with waiting list, reminder mails, iCal,
 * documentation afterwards (also a knowledge-base entry), and requests for a visit of the mobile academy.
 */
export function createEventService(deps: { db: Db; mailer: Mailer; notifications: NotificationService; origin: string }) {
  const { db, mailer, notifications, origin } = deps;

  async function requireEvent(slug: string, tx: Db | Tx = db): Promise<AcademyEvent> {
    const [event] = await tx.select().from(academyEvents).where(eq(academyEvents.slug, slug));
    if (!event) throw new EntryNotFoundError(slug);
    return event;
  }

  function eventUrl(event: AcademyEvent) {
    return `${origin}/academy/events/${event.slug}`;
  }

  /** Enqueues one of the academy mails to a user, built in that user's language. */
  async function mailTo(tx: Db | Tx, userId: string, build: (recipient: Recipient) => OutgoingMail) {
    const [user] = await tx.select({ email: users.email, displayName: users.displayName, locale: users.locale }).from(users).where(eq(users.id, userId));
    if (user) await mailer.enqueue(tx, build(user));
  }

  function mailEvent(event: AcademyEvent): MailEvent {
    return { slug: event.slug, title: event.title, startsAt: event.startsAt, place: placeOf(event) };
  }

  function placeOf(event: AcademyEvent) {
    return event.form === 'digital' ? (event.onlineUrl ?? 'online') : event.place;
  }

  async function counts(eventIds: string[]) {
    if (!eventIds.length) return new Map<string, { registered: number; waiting: number }>();
    const rows = await db
      .select({ eventId: academyEventRegistrations.eventId, status: academyEventRegistrations.status, n: sql<number>`count(*)::int` })
      .from(academyEventRegistrations)
      .where(inArray(academyEventRegistrations.eventId, eventIds))
      .groupBy(academyEventRegistrations.eventId, academyEventRegistrations.status);
    const map = new Map<string, { registered: number; waiting: number }>();
    for (const r of rows) {
      const c = map.get(r.eventId) ?? { registered: 0, waiting: 0 };
      if (r.status === 'registered') c.registered = r.n;
      if (r.status === 'waiting') c.waiting = r.n;
      map.set(r.eventId, c);
    }
    return map;
  }

  return {
    /** The public calendar: upcoming (or past) events, filtered by form, region (Land) and topic. */
    async list(filters: EventFilters = {}, now = new Date()) {
      const where = [filters.past ? lt(academyEvents.endsAt, now) : gte(academyEvents.endsAt, now)];
      if (filters.form && (eventForms as readonly string[]).includes(filters.form)) where.push(eq(academyEvents.form, filters.form as AcademyEvent['form']));
      if (filters.land && (laender as readonly string[]).includes(filters.land)) where.push(eq(academyEvents.land, filters.land));
      if (filters.field && (fieldsOfAction as readonly string[]).includes(filters.field)) where.push(sql`${academyEvents.fieldsOfAction} @> array[${filters.field}]::text[]`);
      const rows = await db
        .select({ event: academyEvents, townName: towns.name, townSlug: towns.slug, townAgs: towns.ags })
        .from(academyEvents)
        .leftJoin(towns, eq(towns.id, academyEvents.hostTownId))
        .where(and(...where))
        .orderBy(filters.past ? desc(academyEvents.startsAt) : asc(academyEvents.startsAt))
        .limit(200);
      const c = await counts(rows.map((r) => r.event.id));
      return rows.map((r) => ({ ...r.event, townName: r.townName, townSlug: r.townSlug, townAgs: r.townAgs, ...(c.get(r.event.id) ?? { registered: 0, waiting: 0 }) }));
    },

    /** One event with its numbers and the actor's registration. */
    async get(actor: Actor | null, slug: string) {
      const event = await requireEvent(slug);
      const c = (await counts([event.id])).get(event.id) ?? { registered: 0, waiting: 0 };
      const [mine] = actor
        ? await db.select().from(academyEventRegistrations).where(and(eq(academyEventRegistrations.eventId, event.id), eq(academyEventRegistrations.userId, actor.userId)))
        : [];
      let waitingPosition: number | null = null;
      if (mine?.status === 'waiting') {
        const [row] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(academyEventRegistrations)
          .where(and(eq(academyEventRegistrations.eventId, event.id), eq(academyEventRegistrations.status, 'waiting'), sql`${academyEventRegistrations.createdAt} <= ${mine.createdAt}`));
        waitingPosition = row?.n ?? null;
      }
      const [town] = event.hostTownId ? await db.select({ slug: towns.slug, name: towns.name }).from(towns).where(eq(towns.id, event.hostTownId)) : [];
      return {
        event,
        programmeHtml: renderMarkdown(event.programme),
        documentationHtml: event.documentation ? renderMarkdown(event.documentation) : '',
        town: town ?? null,
        ...c,
        free: event.capacity === null ? null : Math.max(0, event.capacity - c.registered),
        mine: mine && mine.status !== 'cancelled' ? { status: mine.status, waitingPosition } : null,
        mayManage: can(actor, 'academy.manageEvents'),
      };
    },

    /** Creates an event (academy editors). */
    async create(actor: Actor | null, input: unknown, hostTownSlug?: string): Promise<AcademyEvent> {
      authorize(actor, 'academy.manageEvents');
      const data = parseOrThrow(eventSchema, input);
      const [host] = hostTownSlug ? await db.select({ id: towns.id }).from(towns).where(eq(towns.slug, hostTownSlug)) : [];
      return db.transaction(async (tx) => {
        const [event] = await tx.insert(academyEvents).values({ ...data, slug: uniqueSlug(data.title, 'veranstaltung'), hostTownId: host?.id ?? null, createdBy: actor!.userId }).returning();
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.event_created', details: { slug: event!.slug } });
        return event!;
      });
    },

    /**
     * Registers the actor. Places go first come, first served; when the event is full the registration goes on the
     * waiting list. The event row is locked, so two people never get the last place.
     */
    async register(actor: Actor | null, slug: string, now = new Date()) {
      authorize(actor, 'academy.registerEvent');
      return db.transaction(async (tx) => {
        const [event] = await tx.select().from(academyEvents).where(eq(academyEvents.slug, slug)).for('update');
        if (!event) throw new EntryNotFoundError(slug);
        if (event.cancelledAt || event.endsAt < now) throw new ValidationError({ _form: 'error_event_closed' });
        const [existing] = await tx.select().from(academyEventRegistrations).where(and(eq(academyEventRegistrations.eventId, event.id), eq(academyEventRegistrations.userId, actor!.userId)));
        if (existing && existing.status !== 'cancelled') return { status: existing.status };
        const [taken] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(academyEventRegistrations)
          .where(and(eq(academyEventRegistrations.eventId, event.id), eq(academyEventRegistrations.status, 'registered')));
        const status = event.capacity === null || (taken?.n ?? 0) < event.capacity ? ('registered' as const) : ('waiting' as const);
        if (existing) {
          await tx.update(academyEventRegistrations).set({ status, createdAt: now, reminderSentAt: null }).where(eq(academyEventRegistrations.id, existing.id));
        } else {
          await tx.insert(academyEventRegistrations).values({ eventId: event.id, userId: actor!.userId, status, createdAt: now });
        }
        await mailTo(tx, actor!.userId, (r) => (status === 'registered' ? academyMails.eventRegistered : academyMails.eventWaiting)(r, origin, mailEvent(event)));
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.event_registration', details: { slug, status } });
        return { status };
      });
    },

    /** Cancels the actor's registration; a freed place goes to the first person on the waiting list (with a mail). */
    async cancel(actor: Actor | null, slug: string) {
      authorize(actor, 'academy.registerEvent');
      return db.transaction(async (tx) => {
        const [event] = await tx.select().from(academyEvents).where(eq(academyEvents.slug, slug)).for('update');
        if (!event) throw new EntryNotFoundError(slug);
        const [mine] = await tx.select().from(academyEventRegistrations).where(and(eq(academyEventRegistrations.eventId, event.id), eq(academyEventRegistrations.userId, actor!.userId)));
        if (!mine || mine.status === 'cancelled') return { promoted: null };
        await tx.update(academyEventRegistrations).set({ status: 'cancelled' }).where(eq(academyEventRegistrations.id, mine.id));
        let promoted: string | null = null;
        if (mine.status === 'registered') {
          const [next] = await tx
            .select()
            .from(academyEventRegistrations)
            .where(and(eq(academyEventRegistrations.eventId, event.id), eq(academyEventRegistrations.status, 'waiting')))
            .orderBy(asc(academyEventRegistrations.createdAt), asc(academyEventRegistrations.id))
            .limit(1);
          if (next) {
            await tx.update(academyEventRegistrations).set({ status: 'registered' }).where(eq(academyEventRegistrations.id, next.id));
            await mailTo(tx, next.userId, (r) => academyMails.eventPromoted(r, origin, mailEvent(event)));
            promoted = next.userId;
          }
        }
        await recordAudit(tx, { actorId: actor!.userId, action: 'academy.event_cancellation', details: { slug } });
        return { promoted };
      });
    },

    /** Participants and waiting list (academy editors). */
    async participants(actor: Actor | null, slug: string) {
      authorize(actor, 'academy.manageEvents');
      const event = await requireEvent(slug);
      return db
        .select({ displayName: users.displayName, email: users.email, status: academyEventRegistrations.status, createdAt: academyEventRegistrations.createdAt })
        .from(academyEventRegistrations)
        .innerJoin(users, eq(users.id, academyEventRegistrations.userId))
        .where(and(eq(academyEventRegistrations.eventId, event.id), inArray(academyEventRegistrations.status, ['registered', 'waiting'])))
        .orderBy(asc(academyEventRegistrations.status), asc(academyEventRegistrations.createdAt));
    },

    /**
     * Sends one reminder mail per registration for events starting within the next `hours` hours (housekeeping);
     * time-bound, so also digest readers get it now rather than in a digest after the event.
     */
    async sendReminders(now = new Date(), hours = 24): Promise<number> {
      const due = await db
        .select({ registration: academyEventRegistrations, event: academyEvents })
        .from(academyEventRegistrations)
        .innerJoin(academyEvents, eq(academyEvents.id, academyEventRegistrations.eventId))
        .where(
          and(
            eq(academyEventRegistrations.status, 'registered'),
            isNull(academyEventRegistrations.reminderSentAt),
            isNull(academyEvents.cancelledAt),
            gte(academyEvents.startsAt, now),
            lt(academyEvents.startsAt, new Date(now.getTime() + hours * 3_600_000)),
          ),
        )
        .limit(500);
      for (const { registration, event } of due) {
        await db.transaction(async (tx) => {
          // A reminder is a notification (kind "academy"): it honours the person's settings. Confirmations of
          // registrations, waiting list and visits stay plain mails: they answer the person's own request.
          // It is time-bound by the event's start: mailed now also to digest readers, never after the event.
          await notifications.notify(
            registration.userId,
            'academy',
            ({ locale, displayName }) => ({ ...asNotification(academyMails.eventReminder({ email: '', displayName, locale }, origin, mailEvent(event))), expiresAt: event.startsAt }),
            tx,
          );
          await tx.update(academyEventRegistrations).set({ reminderSentAt: now }).where(eq(academyEventRegistrations.id, registration.id));
        });
      }
      return due.length;
    },

    /** The event as an iCalendar file. */
    async ical(slug: string): Promise<string> {
      const event = await requireEvent(slug);
      return icalendar([{ uid: `${event.id}@kleinstadtakademie`, title: event.title, description: `${event.summary}\n\n${eventUrl(event)}`, location: placeOf(event), url: eventUrl(event), startsAt: event.startsAt, endsAt: event.endsAt, cancelled: event.cancelledAt !== null, updatedAt: event.updatedAt }]);
    },

    /** All upcoming events as one iCalendar feed (to subscribe to). */
    async feed(now = new Date()): Promise<string> {
      const events = await db.select().from(academyEvents).where(gte(academyEvents.endsAt, now)).orderBy(asc(academyEvents.startsAt)).limit(500);
      return icalendar(events.map((event) => ({ uid: `${event.id}@kleinstadtakademie`, title: event.title, description: `${event.summary}\n\n${eventUrl(event)}`, location: placeOf(event), url: eventUrl(event), startsAt: event.startsAt, endsAt: event.endsAt, cancelled: event.cancelledAt !== null, updatedAt: event.updatedAt })));
    },

    /**
     * Stores the documentation after the event (protocol, slides, photos as links) and publishes it in the knowledge
     * base as an entry that links back to the event (academy editors).
     */
    async document(actor: Actor | null, slug: string, input: unknown) {
      authorize(actor, 'academy.manageEvents');
      const { documentation } = parseOrThrow(z.object({ documentation: z.string({ error: 'error_required' }).trim().min(10, 'error_required').max(50_000, 'error_too_long') }), input);
      const event = await requireEvent(slug);
      return db.transaction(async (tx) => {
        let entryId = event.documentationEntryId;
        const entryFields = { title: `Dokumentation: ${event.title}`, summary: event.summary, body: documentation, fieldsOfAction: event.fieldsOfAction, land: event.land, year: event.startsAt.getUTCFullYear(), townId: event.hostTownId, sourcePath: `/academy/events/${event.slug}`, updatedAt: new Date() };
        if (entryId) {
          await tx.update(academyEntries).set(entryFields).where(eq(academyEntries.id, entryId));
        } else {
          const [entry] = await tx
            .insert(academyEntries)
            .values({ ...entryFields, kind: 'werkzeug', slug: `doku-${event.slug}`.slice(0, 80), status: 'published', publishedAt: new Date(), createdBy: actor!.userId, authors: 'Kleinstadtakademie' })
            .returning({ id: academyEntries.id });
          entryId = entry!.id;
        }
        await tx.update(academyEvents).set({ documentation, documentationEntryId: entryId, updatedAt: new Date() }).where(eq(academyEvents.id, event.id));
        await recordAudit(tx, { actorId: actor!.userId, townId: event.hostTownId, action: 'academy.event_documented', details: { slug } });
        const [entry] = await tx.select({ slug: academyEntries.slug }).from(academyEntries).where(eq(academyEntries.id, entryId));
        return { entrySlug: entry!.slug };
      });
    },

    /** A town requests a visit of the mobile academy (town admins). */
    async requestVisit(actor: Actor | null, townSlug: string, input: unknown) {
      const [town] = await db.select().from(towns).where(eq(towns.slug, townSlug));
      if (!town) throw new EntryNotFoundError(townSlug);
      authorize(actor, 'academy.requestVisit', town.id);
      const data = parseOrThrow(visitRequestSchema, input);
      return db.transaction(async (tx) => {
        const [request] = await tx.insert(academyVisitRequests).values({ ...data, townId: town.id, requestedBy: actor!.userId }).returning();
        await recordAudit(tx, { actorId: actor!.userId, townId: town.id, action: 'academy.visit_requested' });
        return request!;
      });
    },

    /** A town's own requests (town admins and moderators), or all requests (editors, when no town is given). */
    async visitRequests(actor: Actor | null, townSlug?: string) {
      let townId: string | undefined;
      if (townSlug) {
        const [town] = await db.select({ id: towns.id }).from(towns).where(eq(towns.slug, townSlug));
        if (!town) throw new EntryNotFoundError(townSlug);
        authorize(actor, 'academy.viewVisitRequests', town.id);
        townId = town.id;
      } else {
        authorize(actor, 'academy.manageEvents');
      }
      return db
        .select({ request: academyVisitRequests, townName: towns.name, townSlug: towns.slug })
        .from(academyVisitRequests)
        .innerJoin(towns, eq(towns.id, academyVisitRequests.townId))
        .where(townId ? eq(academyVisitRequests.townId, townId) : undefined)
        .orderBy(desc(academyVisitRequests.createdAt));
    },

    /** Editors answer a visit request (accepted, scheduled, declined) with a note; the requester gets a mail. */
    async setVisitStatus(actor: Actor | null, requestId: string, input: unknown) {
      authorize(actor, 'academy.manageEvents');
      const data = parseOrThrow(visitStatusSchema, input);
      if (!z.uuid().safeParse(requestId).success) throw new ForbiddenError('academy.manageEvents');
      return db.transaction(async (tx) => {
        const [request] = await tx.update(academyVisitRequests).set({ status: data.status, editorNote: data.note, updatedAt: new Date() }).where(eq(academyVisitRequests.id, requestId)).returning();
        if (!request) throw new EntryNotFoundError(requestId);
        if (request.requestedBy) await mailTo(tx, request.requestedBy, (r) => academyMails.visitStatus(r, data.status, data.note));
        await recordAudit(tx, { actorId: actor!.userId, townId: request.townId, action: 'academy.visit_status', details: { status: data.status } });
        return request;
      });
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;

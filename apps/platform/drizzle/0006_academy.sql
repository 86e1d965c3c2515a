CREATE TABLE "platform_roles" (
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_check_answers" (
	"check_id" uuid NOT NULL,
	"point" integer NOT NULL,
	"rating" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "academy_check_answers_check_id_point_pk" PRIMARY KEY("check_id","point")
);
--> statement-breakpoint
CREATE TABLE "academy_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"town_id" uuid NOT NULL,
	"created_by" uuid,
	"team" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"fields_of_action" text[] DEFAULT '{}'::text[] NOT NULL,
	"goals" text[] DEFAULT '{}'::text[] NOT NULL,
	"town_id" uuid,
	"town_type" text,
	"location" text,
	"land" text,
	"year" integer,
	"authors" text DEFAULT '' NOT NULL,
	"licence" text DEFAULT 'CC-BY-4.0' NOT NULL,
	"citation" text DEFAULT '' NOT NULL,
	"url" text,
	"source_path" text,
	"created_by" uuid,
	"review_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('german_unaccent'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('german_unaccent'::regconfig, coalesce("summary", '') || ' ' || coalesce("authors", '')), 'B') || setweight(to_tsvector('german_unaccent'::regconfig, coalesce("body", '')), 'C')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"answered_by" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminder_sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "academy_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"form" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"programme" text DEFAULT '' NOT NULL,
	"speakers" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"land" text,
	"online_url" text,
	"fields_of_action" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer,
	"host_town_id" uuid,
	"documentation" text DEFAULT '' NOT NULL,
	"documentation_entry_id" uuid,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"town_id" uuid NOT NULL,
	"asked_by" uuid,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"fields_of_action" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_visit_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"town_id" uuid NOT NULL,
	"requested_by" uuid,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"topic_text" text DEFAULT '' NOT NULL,
	"preferred_dates" text DEFAULT '' NOT NULL,
	"participants" integer,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"editor_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform_roles" ADD CONSTRAINT "platform_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_check_answers" ADD CONSTRAINT "academy_check_answers_check_id_academy_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."academy_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_checks" ADD CONSTRAINT "academy_checks_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_checks" ADD CONSTRAINT "academy_checks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_entries" ADD CONSTRAINT "academy_entries_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_entries" ADD CONSTRAINT "academy_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_answers" ADD CONSTRAINT "academy_answers_question_id_academy_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."academy_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_answers" ADD CONSTRAINT "academy_answers_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_answers" ADD CONSTRAINT "academy_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_event_registrations" ADD CONSTRAINT "academy_event_registrations_event_id_academy_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."academy_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_event_registrations" ADD CONSTRAINT "academy_event_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_events" ADD CONSTRAINT "academy_events_host_town_id_towns_id_fk" FOREIGN KEY ("host_town_id") REFERENCES "public"."towns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_events" ADD CONSTRAINT "academy_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_questions" ADD CONSTRAINT "academy_questions_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_questions" ADD CONSTRAINT "academy_questions_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_visit_requests" ADD CONSTRAINT "academy_visit_requests_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_visit_requests" ADD CONSTRAINT "academy_visit_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "platform_roles_user_idx" ON "platform_roles" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "platform_roles_unique_idx" ON "platform_roles" USING btree ("user_id","role");--> statement-breakpoint
CREATE INDEX "academy_checks_town_idx" ON "academy_checks" USING btree ("town_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_entries_slug_idx" ON "academy_entries" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "academy_entries_search_idx" ON "academy_entries" USING gin ("search") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "academy_entries_status_idx" ON "academy_entries" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "academy_entries_town_idx" ON "academy_entries" USING btree ("town_id");--> statement-breakpoint
CREATE INDEX "academy_entries_fields_idx" ON "academy_entries" USING gin ("fields_of_action");--> statement-breakpoint
CREATE INDEX "academy_answers_question_idx" ON "academy_answers" USING btree ("question_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_event_registrations_unique_idx" ON "academy_event_registrations" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "academy_event_registrations_event_idx" ON "academy_event_registrations" USING btree ("event_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_events_slug_idx" ON "academy_events" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "academy_events_starts_idx" ON "academy_events" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_questions_slug_idx" ON "academy_questions" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "academy_questions_created_idx" ON "academy_questions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "academy_visit_requests_town_idx" ON "academy_visit_requests" USING btree ("town_id","created_at");
CREATE TABLE "seismo_answers" (
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"number_value" double precision,
	"choice_value" text,
	CONSTRAINT "seismo_answers_response_id_question_id_pk" PRIMARY KEY("response_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "seismo_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"key" text NOT NULL,
	"text" text NOT NULL,
	"hint" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"scale_min" integer DEFAULT 1 NOT NULL,
	"scale_max" integer DEFAULT 5 NOT NULL,
	"unit" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seismo_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"town_id" uuid NOT NULL,
	"ags" text,
	"type_code" integer,
	"lage" text,
	"visibility" text DEFAULT 'aggregated' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seismo_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_entry_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"alt_text" text DEFAULT '' NOT NULL,
	"caption" text DEFAULT '' NOT NULL,
	"size" integer NOT NULL,
	"width" integer,
	"height" integer,
	"data" "bytea" NOT NULL,
	"thumbnail" "bytea",
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_stories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"teaser" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"town_id" uuid,
	"fields_of_action" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "academy_story_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"story_id" uuid NOT NULL,
	"alt_text" text NOT NULL,
	"caption" text DEFAULT '' NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"image" "bytea" NOT NULL,
	"thumbnail" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "seismo_answers" ADD CONSTRAINT "seismo_answers_response_id_seismo_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."seismo_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seismo_answers" ADD CONSTRAINT "seismo_answers_question_id_seismo_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."seismo_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seismo_questions" ADD CONSTRAINT "seismo_questions_round_id_seismo_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."seismo_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seismo_responses" ADD CONSTRAINT "seismo_responses_round_id_seismo_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."seismo_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seismo_responses" ADD CONSTRAINT "seismo_responses_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seismo_responses" ADD CONSTRAINT "seismo_responses_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seismo_rounds" ADD CONSTRAINT "seismo_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_entry_files" ADD CONSTRAINT "academy_entry_files_entry_id_academy_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."academy_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_entry_files" ADD CONSTRAINT "academy_entry_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_stories" ADD CONSTRAINT "academy_stories_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_stories" ADD CONSTRAINT "academy_stories_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_story_photos" ADD CONSTRAINT "academy_story_photos_story_id_academy_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."academy_stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_story_photos" ADD CONSTRAINT "academy_story_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seismo_answers_question_idx" ON "seismo_answers" USING btree ("question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seismo_questions_key_idx" ON "seismo_questions" USING btree ("round_id","key");--> statement-breakpoint
CREATE INDEX "seismo_questions_round_idx" ON "seismo_questions" USING btree ("round_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "seismo_responses_town_idx" ON "seismo_responses" USING btree ("round_id","town_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seismo_rounds_slug_idx" ON "seismo_rounds" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "seismo_rounds_year_idx" ON "seismo_rounds" USING btree ("year");--> statement-breakpoint
CREATE INDEX "academy_entry_files_entry_idx" ON "academy_entry_files" USING btree ("entry_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_stories_slug_idx" ON "academy_stories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "academy_stories_status_idx" ON "academy_stories" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "academy_story_photos_story_idx" ON "academy_story_photos" USING btree ("story_id","created_at");
CREATE TABLE "academy_orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"fields_of_action" text[] DEFAULT '{}'::text[] NOT NULL,
	"land" text,
	"kreis" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_email" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"website" text,
	"is_partner" boolean DEFAULT false NOT NULL,
	"partner_since" integer,
	"partner_contribution" text DEFAULT '' NOT NULL,
	"applied_by" uuid,
	"review_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "academy_research_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question_id" uuid NOT NULL,
	"body" text NOT NULL,
	"url" text,
	"author_id" uuid,
	"researcher_id" uuid,
	"town_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_research_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"fields_of_action" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'offen' NOT NULL,
	"researcher_id" uuid,
	"town_id" uuid,
	"posted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_researchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"institution" text DEFAULT '' NOT NULL,
	"org_id" uuid,
	"fields_of_action" text[] DEFAULT '{}'::text[] NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"website" text,
	"public_email" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "academy_orgs" ADD CONSTRAINT "academy_orgs_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_research_answers" ADD CONSTRAINT "academy_research_answers_question_id_academy_research_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."academy_research_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_research_answers" ADD CONSTRAINT "academy_research_answers_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_research_answers" ADD CONSTRAINT "academy_research_answers_researcher_id_academy_researchers_id_fk" FOREIGN KEY ("researcher_id") REFERENCES "public"."academy_researchers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_research_answers" ADD CONSTRAINT "academy_research_answers_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_research_questions" ADD CONSTRAINT "academy_research_questions_researcher_id_academy_researchers_id_fk" FOREIGN KEY ("researcher_id") REFERENCES "public"."academy_researchers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_research_questions" ADD CONSTRAINT "academy_research_questions_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_research_questions" ADD CONSTRAINT "academy_research_questions_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_researchers" ADD CONSTRAINT "academy_researchers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_researchers" ADD CONSTRAINT "academy_researchers_org_id_academy_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."academy_orgs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_researchers" ADD CONSTRAINT "academy_researchers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "academy_orgs_slug_idx" ON "academy_orgs" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "academy_orgs_status_idx" ON "academy_orgs" USING btree ("status","name");--> statement-breakpoint
CREATE INDEX "academy_research_answers_question_idx" ON "academy_research_answers" USING btree ("question_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_research_questions_slug_idx" ON "academy_research_questions" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "academy_research_questions_status_idx" ON "academy_research_questions" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_researchers_slug_idx" ON "academy_researchers" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_researchers_user_idx" ON "academy_researchers" USING btree ("user_id");
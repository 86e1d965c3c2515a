CREATE TABLE "academy_search" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"published_at" timestamp with time zone,
	"kind" text NOT NULL,
	"fields_of_action" text[] NOT NULL,
	"fields_key" text NOT NULL,
	"town_type" text,
	"location" text,
	"land" text,
	"year" integer,
	"rank_vector" "tsvector" NOT NULL,
	"search" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_images" (
	"idea_id" uuid PRIMARY KEY NOT NULL,
	"alt_text" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"image" "bytea" NOT NULL,
	"thumbnail" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_goals" (
	"project_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	CONSTRAINT "project_goals_project_id_goal_id_pk" PRIMARY KEY("project_id","goal_id")
);
--> statement-breakpoint
DROP INDEX "academy_entries_search_idx";--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "place" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "project_followers" ADD COLUMN "nonce" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "latitude" double precision;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "longitude" double precision;--> statement-breakpoint
ALTER TABLE "academy_search" ADD CONSTRAINT "academy_search_entry_id_academy_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."academy_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_images" ADD CONSTRAINT "idea_images_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_goals" ADD CONSTRAINT "project_goals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_goals" ADD CONSTRAINT "project_goals_goal_id_vision_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."vision_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "academy_search_idx" ON "academy_search" USING gin ("search");--> statement-breakpoint
CREATE INDEX "project_goals_goal_idx" ON "project_goals" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "ideas_component_field_support_idx" ON "ideas" USING btree ("component_id","field","support_count","id");--> statement-breakpoint
ALTER TABLE "academy_entries" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "academy_entries" DROP COLUMN "rank_vector";
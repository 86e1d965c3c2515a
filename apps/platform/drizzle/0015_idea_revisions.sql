CREATE TABLE "idea_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idea_id" uuid NOT NULL,
	"edited_by" uuid,
	"by_moderation" boolean NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"field" text NOT NULL,
	"place" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"image_alt_text" text,
	"image_width" integer,
	"image_height" integer,
	"image" "bytea",
	"thumbnail" "bytea"
);
--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "idea_revisions" ADD CONSTRAINT "idea_revisions_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_revisions" ADD CONSTRAINT "idea_revisions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_revisions_idea_idx" ON "idea_revisions" USING btree ("idea_id","replaced_at");
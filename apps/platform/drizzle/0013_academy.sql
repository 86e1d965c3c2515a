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
DROP INDEX "academy_entries_search_idx";--> statement-breakpoint
ALTER TABLE "academy_search" ADD CONSTRAINT "academy_search_entry_id_academy_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."academy_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "academy_search_idx" ON "academy_search" USING gin ("search");--> statement-breakpoint
ALTER TABLE "academy_entries" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "academy_entries" DROP COLUMN "rank_vector";
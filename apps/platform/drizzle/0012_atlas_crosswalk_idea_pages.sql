CREATE TABLE "atlas_ags_successors" (
	"ags_from" text PRIMARY KEY NOT NULL,
	"ags_to" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "atlas_municipal_indicators" (
	"ags" text NOT NULL,
	"indicator" text NOT NULL,
	"values" jsonb NOT NULL,
	"converted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "atlas_municipal_indicators_ags_indicator_pk" PRIMARY KEY("ags","indicator")
);
--> statement-breakpoint
CREATE INDEX "ideas_component_new_idx" ON "ideas" USING btree ("component_id","created_at","id");--> statement-breakpoint
CREATE INDEX "ideas_component_support_idx" ON "ideas" USING btree ("component_id","support_count","id");--> statement-breakpoint
CREATE INDEX "ideas_component_field_idx" ON "ideas" USING btree ("component_id","field","created_at","id");
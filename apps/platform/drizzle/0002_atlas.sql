CREATE TABLE "atlas_facts" (
	"ags" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"search_key" text NOT NULL,
	"type_code" integer NOT NULL,
	"type_rule_code" integer NOT NULL,
	"upgrade_kept" boolean NOT NULL,
	"type_official_2015" integer,
	"association_2015_code" text,
	"largest_member_population" integer NOT NULL,
	"lage" text,
	"lage_source" text,
	"population_1990" integer,
	"population_2002" integer,
	"population_2013" integer,
	"change_1990" double precision,
	"change_2002" double precision,
	"change_2013" double precision,
	CONSTRAINT "atlas_facts_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "atlas_population" (
	"ags" text NOT NULL,
	"year" integer NOT NULL,
	"stichtag" text NOT NULL,
	"population" integer NOT NULL,
	"area_km2" double precision,
	"source_ags" text NOT NULL,
	"match_method" text NOT NULL,
	"same_territory" boolean NOT NULL,
	"basis" text NOT NULL,
	CONSTRAINT "atlas_population_ags_year_pk" PRIMARY KEY("ags","year")
);
--> statement-breakpoint
CREATE INDEX "atlas_facts_type_idx" ON "atlas_facts" USING btree ("type_code");--> statement-breakpoint
CREATE INDEX "atlas_facts_lage_idx" ON "atlas_facts" USING btree ("lage");
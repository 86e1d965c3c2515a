CREATE TABLE "setup_markers" (
	"name" text PRIMARY KEY NOT NULL,
	"done_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Databases seeded before the marker existed: the demo admin is the demo content's last step but one, so its account
-- means the demo content is there (marked once here; from now on only the marker counts).
INSERT INTO "setup_markers" ("name") SELECT 'demo' WHERE EXISTS (SELECT 1 FROM "users" WHERE "email" = 'admin@kleinstadt.example');

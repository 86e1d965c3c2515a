ALTER TABLE "idea_reports" ADD COLUMN "outcome" text;--> statement-breakpoint
CREATE INDEX "idea_reports_open_idx" ON "idea_reports" USING btree ("resolved_at");--> statement-breakpoint
-- Reports resolved before outcomes were recorded were all resolved by hiding the idea.
UPDATE "idea_reports" SET "outcome" = 'hidden' WHERE "resolved_at" IS NOT NULL;

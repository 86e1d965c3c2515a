ALTER TABLE "idea_supports" DROP CONSTRAINT "idea_supports_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "idea_supports" DROP CONSTRAINT "idea_supports_idea_id_user_id_pk";--> statement-breakpoint
ALTER TABLE "idea_supports" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "idea_supports" ADD COLUMN "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "idea_supports" ADD CONSTRAINT "idea_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "idea_supports_idea_user_idx" ON "idea_supports" USING btree ("idea_id","user_id");
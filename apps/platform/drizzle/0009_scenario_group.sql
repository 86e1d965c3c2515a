CREATE TABLE "scenario_group_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"town_id" uuid NOT NULL,
	"component_id" uuid NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scenario_group_members" (
	"component_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"age_band" text,
	"gender" text,
	"ortsteil" text,
	"background" text,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scenario_group_members_component_id_user_id_pk" PRIMARY KEY("component_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "scenario_group_invitations" ADD CONSTRAINT "scenario_group_invitations_town_id_towns_id_fk" FOREIGN KEY ("town_id") REFERENCES "public"."towns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_group_invitations" ADD CONSTRAINT "scenario_group_invitations_component_id_process_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."process_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_group_members" ADD CONSTRAINT "scenario_group_members_component_id_process_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."process_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_group_members" ADD CONSTRAINT "scenario_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scenario_group_invitations_token_idx" ON "scenario_group_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "scenario_group_invitations_component_idx" ON "scenario_group_invitations" USING btree ("component_id");
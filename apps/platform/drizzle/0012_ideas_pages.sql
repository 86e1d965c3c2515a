CREATE INDEX "ideas_component_new_idx" ON "ideas" USING btree ("component_id","created_at","id");--> statement-breakpoint
CREATE INDEX "ideas_component_support_idx" ON "ideas" USING btree ("component_id","support_count","id");--> statement-breakpoint
CREATE INDEX "ideas_component_field_idx" ON "ideas" USING btree ("component_id","field","created_at","id");
-- Custom migration (not generated): the new component action `ideas:edit` for processes that existed before it.
-- A missing matrix row means "nobody", so without this no author could edit an idea in an existing process. Every
-- ideas component gets, in every phase that has no row yet, the manifest's default: the author (`owner`) while that
-- phase lets people submit ideas (its `submit` row grants anyone anything), the town's moderators and admins always.
-- New processes get their rows from the manifest and the blueprints (server/blueprints.ts) instead.
INSERT INTO "component_permissions" ("component_id", "phase_id", "action", "grants", "data_mode")
SELECT c."id", ph."id", 'edit',
  CASE WHEN jsonb_array_length(COALESCE(s."grants", '[]'::jsonb)) > 0
    THEN '["owner", "town_admin", "moderator"]'::jsonb
    ELSE '["town_admin", "moderator"]'::jsonb
  END,
  'named'
FROM "process_components" c
JOIN "process_phases" ph ON ph."process_id" = c."process_id"
LEFT JOIN "component_permissions" s ON s."component_id" = c."id" AND s."phase_id" = ph."id" AND s."action" = 'submit'
WHERE c."type" = 'ideas'
ON CONFLICT ("component_id", "phase_id", "action") DO NOTHING;

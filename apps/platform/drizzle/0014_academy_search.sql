-- Custom migration (not generated): the academy's search index `academy_search` (table created by 0013_ideas_projects_academy_search).
--
-- 1. German stop words are dropped BEFORE unaccent. Before, `german_unaccent` ran unaccent first, so stop words with
--    umlauts ("für", "über", "können", "würde" …) reached the stemmer as "fur", "uber" … and were indexed like content
--    words ("für" matched 95 % of the entries). The dictionary `german_stop` (simple template, German stop-word list,
--    ACCEPT = false) swallows stop words and passes every other word on to unaccent and the German Snowball stemmer.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'german_stop') THEN
    CREATE TEXT SEARCH DICTIONARY german_stop (TEMPLATE = pg_catalog.simple, STOPWORDS = german, ACCEPT = false);
  END IF;
END $$;
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION german_unaccent ALTER MAPPING FOR hword, hword_part, word WITH german_stop, unaccent, german_stem;
--> statement-breakpoint
-- 2. Storage: when a row exceeds PostgreSQL's TOAST threshold (about 2 kB: entries with long bodies), the toaster
--    moves the full vector out of line (EXTERNAL, uncompressed) down to a tuple target of 128 bytes; every other
--    column is PLAIN, so the toaster never moves or compresses the facet columns or the ranking vector (ts_rank reads
--    it for every match). Rows below the threshold stay inline as they are (PostgreSQL never toasts them).
ALTER TABLE "academy_search" SET (toast_tuple_target = 128);
--> statement-breakpoint
ALTER TABLE "academy_search" ALTER COLUMN "search" SET STORAGE EXTERNAL, ALTER COLUMN "rank_vector" SET STORAGE PLAIN, ALTER COLUMN "kind" SET STORAGE PLAIN, ALTER COLUMN "fields_of_action" SET STORAGE PLAIN, ALTER COLUMN "fields_key" SET STORAGE PLAIN, ALTER COLUMN "town_type" SET STORAGE PLAIN, ALTER COLUMN "location" SET STORAGE PLAIN, ALTER COLUMN "land" SET STORAGE PLAIN;
--> statement-breakpoint
-- 3. The trigger: a published entry has exactly one row, anything else none. Updates that change none of the
--    indexed columns (review notes, timestamps) cost nothing.
CREATE OR REPLACE FUNCTION academy_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD.status, OLD.title, OLD.summary, OLD.authors, OLD.body, OLD.kind, OLD.fields_of_action, OLD.town_type, OLD.location, OLD.land, OLD.year, OLD.published_at)
         IS NOT DISTINCT FROM
         (NEW.status, NEW.title, NEW.summary, NEW.authors, NEW.body, NEW.kind, NEW.fields_of_action, NEW.town_type, NEW.location, NEW.land, NEW.year, NEW.published_at) THEN
    RETURN NULL;
  END IF;
  IF NEW.status <> 'published' THEN
    DELETE FROM academy_search WHERE entry_id = NEW.id;
    RETURN NULL;
  END IF;
  INSERT INTO academy_search AS s (entry_id, published_at, kind, fields_of_action, fields_key, town_type, location, land, year, rank_vector, search)
  VALUES (
    NEW.id, NEW.published_at, NEW.kind, NEW.fields_of_action,
    coalesce(array_to_string(ARRAY(SELECT f FROM unnest(NEW.fields_of_action) AS f ORDER BY f), ','), ''),
    NEW.town_type, NEW.location, NEW.land, NEW.year,
    setweight(to_tsvector('german_unaccent'::regconfig, coalesce(NEW.title, '')), 'A')
      || setweight(to_tsvector('german_unaccent'::regconfig, coalesce(NEW.summary, '')), 'B'),
    setweight(to_tsvector('german_unaccent'::regconfig, coalesce(NEW.title, '')), 'A')
      || setweight(to_tsvector('german_unaccent'::regconfig, coalesce(NEW.summary, '') || ' ' || coalesce(NEW.authors, '')), 'B')
      || setweight(to_tsvector('german_unaccent'::regconfig, coalesce(NEW.body, '')), 'C')
  )
  ON CONFLICT (entry_id) DO UPDATE SET
    published_at = excluded.published_at, kind = excluded.kind, fields_of_action = excluded.fields_of_action,
    fields_key = excluded.fields_key, town_type = excluded.town_type, location = excluded.location,
    land = excluded.land, year = excluded.year, rank_vector = excluded.rank_vector, search = excluded.search;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS academy_entries_search_sync ON academy_entries;
--> statement-breakpoint
CREATE TRIGGER academy_entries_search_sync AFTER INSERT OR UPDATE ON academy_entries
  FOR EACH ROW EXECUTE FUNCTION academy_search_sync();
--> statement-breakpoint
-- 4. Fill the index from the entries already published.
INSERT INTO academy_search (entry_id, published_at, kind, fields_of_action, fields_key, town_type, location, land, year, rank_vector, search)
SELECT e.id, e.published_at, e.kind, e.fields_of_action,
  coalesce(array_to_string(ARRAY(SELECT f FROM unnest(e.fields_of_action) AS f ORDER BY f), ','), ''),
  e.town_type, e.location, e.land, e.year,
  setweight(to_tsvector('german_unaccent'::regconfig, coalesce(e.title, '')), 'A')
    || setweight(to_tsvector('german_unaccent'::regconfig, coalesce(e.summary, '')), 'B'),
  setweight(to_tsvector('german_unaccent'::regconfig, coalesce(e.title, '')), 'A')
    || setweight(to_tsvector('german_unaccent'::regconfig, coalesce(e.summary, '') || ' ' || coalesce(e.authors, '')), 'B')
    || setweight(to_tsvector('german_unaccent'::regconfig, coalesce(e.body, '')), 'C')
FROM academy_entries e
WHERE e.status = 'published'
ON CONFLICT (entry_id) DO NOTHING;

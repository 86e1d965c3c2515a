-- German full-text search with umlauts folded (ä → a, ß → ss): the text search configuration german_unaccent
-- runs unaccent before the German Snowball stemmer. Used by the academy's knowledge base (generated column).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'german_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION german_unaccent (COPY = pg_catalog.german);
    ALTER TEXT SEARCH CONFIGURATION german_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;
  END IF;
END $$;

import type { Library } from './database.ts';

/**
 * The library's schema history. A migration is never edited once shipped: a change
 * is a new entry, so every artist's file walks the same path to the latest version.
 */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

const statusList = "'queued','submitting','waiting','generating','downloading','done','failed','unknown','cancelled'";

/**
 * Recomputes one generation's curation summary from its (at most four) images: any favourite, the
 * best rating, how many are rejected or deleted, whether every image left is rejected.
 */
const summaryOf = (generationId: string) => `
  UPDATE generations SET
    favorite = EXISTS (SELECT 1 FROM images WHERE generation_id = ${generationId} AND deleted_at IS NULL AND favorite = 1),
    best_rating = (SELECT max(rating) FROM images WHERE generation_id = ${generationId} AND deleted_at IS NULL),
    culled_images = (SELECT count(*) FROM images WHERE generation_id = ${generationId} AND (deleted_at IS NOT NULL OR rejected = 1)),
    all_rejected = coalesce((SELECT count(*) > 0 AND count(*) = sum(rejected) FROM images WHERE generation_id = ${generationId} AND deleted_at IS NULL), 0)
  WHERE id = ${generationId};`;

const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'generations and images',
    sql: `
      CREATE TABLE generations (
        id INTEGER PRIMARY KEY,
        -- what the artist asked for; NULL = left unset
        model TEXT NOT NULL,
        prompt TEXT NOT NULL,
        aspect_ratio TEXT,
        stylize REAL,
        chaos REAL,
        weird REAL,
        quality REAL,
        raw INTEGER,
        negative_prompt TEXT,
        seed INTEGER,
        reference_image_url TEXT,
        -- what the server used once --flags in the prompt were applied; filters read these
        effective_model TEXT NOT NULL,
        effective_prompt TEXT NOT NULL,
        effective_aspect_ratio TEXT NOT NULL,
        effective_stylize REAL,
        effective_chaos REAL,
        effective_weird REAL,
        effective_quality REAL,
        effective_raw INTEGER NOT NULL DEFAULT 0,
        effective_negative_prompt TEXT,
        effective_seed INTEGER NOT NULL,
        effective_reference_image_url TEXT,
        request_body TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN (${statusList})),
        error_code TEXT,
        error_message TEXT,
        credits REAL NOT NULL DEFAULT 0,
        task_id TEXT,
        favorite INTEGER NOT NULL DEFAULT 0,
        parent_id INTEGER REFERENCES generations(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        submitted_at INTEGER,
        completed_at INTEGER,
        deleted_at INTEGER,
        dismissed INTEGER NOT NULL DEFAULT 0,
        submission_attempts INTEGER NOT NULL DEFAULT 0
      );
      CREATE UNIQUE INDEX generations_task_id ON generations(task_id) WHERE task_id IS NOT NULL;
      -- keyset pages: every browse index ends in (created_at, id) so a page is a range scan
      CREATE INDEX generations_created ON generations(created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX generations_model ON generations(effective_model, created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX generations_aspect ON generations(effective_aspect_ratio, created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX generations_favorite ON generations(created_at, id) WHERE favorite = 1 AND deleted_at IS NULL;
      CREATE INDEX generations_status ON generations(status, created_at, id);
      CREATE INDEX generations_seed ON generations(effective_seed);
      CREATE INDEX generations_parent ON generations(parent_id) WHERE parent_id IS NOT NULL;
      CREATE INDEX generations_deleted ON generations(deleted_at) WHERE deleted_at IS NOT NULL;

      CREATE TABLE images (
        id INTEGER PRIMARY KEY,
        generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL CHECK (idx BETWEEN 0 AND 3),
        file TEXT,
        thumbnail TEXT,
        width INTEGER,
        height INTEGER,
        bytes INTEGER,
        sha256 TEXT,
        remote_url TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','done','expired','failed')),
        error_message TEXT,
        UNIQUE (generation_id, idx)
      );
      CREATE INDEX images_pending ON images(generation_id) WHERE state = 'pending';
      CREATE INDEX images_sha256 ON images(sha256) WHERE sha256 IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'full-text search over prompts',
    sql: `
      CREATE VIRTUAL TABLE generations_fts USING fts5(
        effective_prompt, effective_negative_prompt,
        content = 'generations', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      CREATE TRIGGER generations_fts_insert AFTER INSERT ON generations BEGIN
        INSERT INTO generations_fts(rowid, effective_prompt, effective_negative_prompt)
        VALUES (new.id, new.effective_prompt, new.effective_negative_prompt);
      END;
      CREATE TRIGGER generations_fts_delete AFTER DELETE ON generations BEGIN
        INSERT INTO generations_fts(generations_fts, rowid, effective_prompt, effective_negative_prompt)
        VALUES ('delete', old.id, old.effective_prompt, old.effective_negative_prompt);
      END;
      CREATE TRIGGER generations_fts_update AFTER UPDATE OF effective_prompt, effective_negative_prompt ON generations BEGIN
        INSERT INTO generations_fts(generations_fts, rowid, effective_prompt, effective_negative_prompt)
        VALUES ('delete', old.id, old.effective_prompt, old.effective_negative_prompt);
        INSERT INTO generations_fts(rowid, effective_prompt, effective_negative_prompt)
        VALUES (new.id, new.effective_prompt, new.effective_negative_prompt);
      END;
      -- libraries made at version 1 already hold prompts: index them
      INSERT INTO generations_fts(generations_fts) VALUES ('rebuild');
    `,
  },
  {
    version: 3,
    name: 'credits: last known balance and spend that outlives purged generations',
    sql: `
      CREATE TABLE credit_balance (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        credits REAL NOT NULL,
        observed_at INTEGER NOT NULL
      );
      CREATE TABLE credits_spent_archive (
        id INTEGER PRIMARY KEY,
        spent_at INTEGER NOT NULL,
        credits REAL NOT NULL
      );
      CREATE INDEX credits_spent_archive_at ON credits_spent_archive(spent_at);
      CREATE INDEX generations_charged ON generations(submitted_at) WHERE credits > 0;
    `,
  },
  {
    version: 4,
    name: 'why a generation waits to try again',
    sql: `
      -- all three set, or all NULL: the problem met, how many attempts in a row met one, when the next is due
      ALTER TABLE generations ADD COLUMN retry_reason TEXT;
      ALTER TABLE generations ADD COLUMN retry_attempt INTEGER;
      ALTER TABLE generations ADD COLUMN retry_at INTEGER;
    `,
  },
  {
    version: 5,
    name: "images: the stored file's own hash next to the served one",
    sql: `
      -- sha256 stays the hash of the bytes the API served (the picture's identity, the same on every
      -- rerun); file_sha256 is what sha256sum says of the stored file, Atelier's metadata included.
      -- NULL for files saved before this version: unknown, not recomputed.
      ALTER TABLE images ADD COLUMN file_sha256 TEXT;
      -- 'failed' used to mean "try again later" and now means "failed for good": images that failed
      -- under the old meaning get their (now bounded) attempts instead of being given up unseen.
      UPDATE images SET state = 'pending' WHERE state = 'failed';
    `,
  },
  {
    version: 6,
    name: 'library totals kept up to date on every write',
    // Counting a big library takes seconds (1.3-1.9 s at 1,000,000 generations), so the stats and
    // the credit total read these running totals instead. A library that already holds rows is
    // counted once in the background (see totals.ts); an empty one is counted by definition.
    sql: `
      CREATE TABLE library_totals (
        name TEXT PRIMARY KEY,
        n NUMERIC NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      INSERT INTO library_totals (name) VALUES
        ('status:queued'), ('status:submitting'), ('status:waiting'), ('status:generating'), ('status:downloading'),
        ('status:done'), ('status:failed'), ('status:unknown'), ('status:cancelled'),
        ('favorites'), ('images'), ('bytes'), ('credits');
      -- one row once the totals include every row written before this migration
      CREATE TABLE library_totals_counted (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        counted_at INTEGER NOT NULL
      );
      INSERT INTO library_totals_counted (id, counted_at)
        SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM generations) AND NOT EXISTS (SELECT 1 FROM images)
          AND NOT EXISTS (SELECT 1 FROM credits_spent_archive);

      -- generations: statuses and favourites count while not binned; credits count whatever happens
      CREATE TRIGGER library_totals_generation_insert AFTER INSERT ON generations BEGIN
        UPDATE library_totals SET n = n + 1 WHERE new.deleted_at IS NULL AND name = 'status:' || new.status;
        UPDATE library_totals SET n = n + 1 WHERE new.deleted_at IS NULL AND new.favorite = 1 AND name = 'favorites';
        UPDATE library_totals SET n = n + new.credits WHERE new.credits > 0 AND name = 'credits';
      END;
      CREATE TRIGGER library_totals_generation_update AFTER UPDATE OF status, favorite, deleted_at, credits ON generations BEGIN
        UPDATE library_totals SET n = n - 1 WHERE old.deleted_at IS NULL AND name = 'status:' || old.status;
        UPDATE library_totals SET n = n + 1 WHERE new.deleted_at IS NULL AND name = 'status:' || new.status;
        UPDATE library_totals
          SET n = n + (new.deleted_at IS NULL AND new.favorite = 1) - (old.deleted_at IS NULL AND old.favorite = 1)
          WHERE name = 'favorites';
        UPDATE library_totals
          SET n = n + ((new.deleted_at IS NULL) - (old.deleted_at IS NULL))
            * (SELECT count(*) FROM images WHERE generation_id = new.id AND state = 'done')
          WHERE (new.deleted_at IS NULL) <> (old.deleted_at IS NULL) AND name = 'images';
        UPDATE library_totals
          SET n = n + max(new.credits, 0) - max(old.credits, 0)
          WHERE new.credits IS NOT old.credits AND name = 'credits';
      END;
      -- BEFORE: the images are still there; their cascade delete then finds no generation and leaves 'images' alone
      CREATE TRIGGER library_totals_generation_delete BEFORE DELETE ON generations BEGIN
        UPDATE library_totals SET n = n - 1 WHERE old.deleted_at IS NULL AND name = 'status:' || old.status;
        UPDATE library_totals SET n = n - 1 WHERE old.deleted_at IS NULL AND old.favorite = 1 AND name = 'favorites';
        UPDATE library_totals SET n = n - (SELECT count(*) FROM images WHERE generation_id = old.id AND state = 'done')
          WHERE old.deleted_at IS NULL AND name = 'images';
        UPDATE library_totals SET n = n - old.credits WHERE old.credits > 0 AND name = 'credits';
      END;

      -- images: saved files count while their generation is not binned; bytes count until purged
      CREATE TRIGGER library_totals_image_insert AFTER INSERT ON images WHEN new.state = 'done' BEGIN
        UPDATE library_totals SET n = n + coalesce(new.bytes, 0) WHERE name = 'bytes';
        UPDATE library_totals SET n = n + 1
          WHERE name = 'images' AND EXISTS (SELECT 1 FROM generations WHERE id = new.generation_id AND deleted_at IS NULL);
      END;
      CREATE TRIGGER library_totals_image_update AFTER UPDATE OF state, bytes, generation_id ON images BEGIN
        UPDATE library_totals
          SET n = n + iif(new.state = 'done', coalesce(new.bytes, 0), 0) - iif(old.state = 'done', coalesce(old.bytes, 0), 0)
          WHERE name = 'bytes';
        UPDATE library_totals SET n = n - 1
          WHERE old.state = 'done' AND name = 'images'
            AND EXISTS (SELECT 1 FROM generations WHERE id = old.generation_id AND deleted_at IS NULL);
        UPDATE library_totals SET n = n + 1
          WHERE new.state = 'done' AND name = 'images'
            AND EXISTS (SELECT 1 FROM generations WHERE id = new.generation_id AND deleted_at IS NULL);
      END;
      CREATE TRIGGER library_totals_image_delete AFTER DELETE ON images WHEN old.state = 'done' BEGIN
        UPDATE library_totals SET n = n - coalesce(old.bytes, 0) WHERE name = 'bytes';
        UPDATE library_totals SET n = n - 1
          WHERE name = 'images' AND EXISTS (SELECT 1 FROM generations WHERE id = old.generation_id AND deleted_at IS NULL);
      END;

      -- spend of purged generations moves here: the generation's delete takes it off, this puts it back
      CREATE TRIGGER library_totals_archive_insert AFTER INSERT ON credits_spent_archive BEGIN
        UPDATE library_totals SET n = n + new.credits WHERE name = 'credits';
      END;
      CREATE TRIGGER library_totals_archive_delete AFTER DELETE ON credits_spent_archive BEGIN
        UPDATE library_totals SET n = n - old.credits WHERE name = 'credits';
      END;
    `,
  },
  {
    version: 7,
    name: 'search index read in date order',
    // A page of a word search reads the index newest first and stops after a page, instead of
    // listing every match (20 ms for a common word at 1,000,000). The index's rowid is a date-order
    // key, (created_at << 20) + a number unique within that millisecond, kept in search_order: ids
    // need not follow dates (imports bring older dates). Prefix indexes up to 6 characters make
    // word starts as fast as words. Rows already in the library are indexed in the background
    // (search-index.ts); until then searches read the old index, which is dropped once done.
    sql: `
      CREATE TABLE search_order (
        key INTEGER PRIMARY KEY,
        generation_id INTEGER NOT NULL UNIQUE
      );
      CREATE VIRTUAL TABLE generations_search USING fts5(
        effective_prompt, effective_negative_prompt,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3 4 5 6'
      );
      -- the one place a generation enters or leaves the index: the triggers and the backfill both go through it
      CREATE VIEW search_entries AS SELECT generation_id FROM search_order;
      CREATE TRIGGER search_entries_insert INSTEAD OF INSERT ON search_entries BEGIN
        INSERT INTO search_order (key, generation_id)
          SELECT coalesce(
              (SELECT max(key) + 1 FROM search_order WHERE key BETWEEN g.created_at << 20 AND (g.created_at << 20) + 1048575),
              g.created_at << 20),
            g.id
          FROM generations g WHERE g.id = new.generation_id;
        INSERT INTO generations_search (rowid, effective_prompt, effective_negative_prompt)
          SELECT o.key, g.effective_prompt, g.effective_negative_prompt
          FROM search_order o JOIN generations g ON g.id = o.generation_id WHERE o.generation_id = new.generation_id;
      END;
      CREATE TRIGGER search_entries_delete INSTEAD OF DELETE ON search_entries BEGIN
        DELETE FROM generations_search WHERE rowid = (SELECT key FROM search_order WHERE generation_id = old.generation_id);
        DELETE FROM search_order WHERE generation_id = old.generation_id;
      END;
      CREATE TRIGGER generations_search_insert AFTER INSERT ON generations BEGIN
        INSERT INTO search_entries (generation_id) VALUES (new.id);
      END;
      CREATE TRIGGER generations_search_delete AFTER DELETE ON generations BEGIN
        DELETE FROM search_entries WHERE generation_id = old.id;
      END;
      -- rows the backfill has not reached yet are indexed by it, as they are then
      CREATE TRIGGER generations_search_update AFTER UPDATE OF created_at, effective_prompt, effective_negative_prompt ON generations
        WHEN EXISTS (SELECT 1 FROM search_order WHERE generation_id = old.id) BEGIN
        DELETE FROM search_entries WHERE generation_id = old.id;
        INSERT INTO search_entries (generation_id) VALUES (new.id);
      END;
      -- present while older rows wait for the backfill, which indexes the ids under "below", newest first
      CREATE TABLE search_backfill (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        below INTEGER NOT NULL
      );
      -- (the newest id by the table's own order: a count would read every row)
      INSERT INTO search_backfill (id, below) SELECT 1, id + 1 FROM generations ORDER BY id DESC LIMIT 1;
    `,
  },
  {
    version: 8,
    name: 'every image curated on its own: favourite, rating, reject, delete; summaries on the generation',
    sql: `
      ALTER TABLE images ADD COLUMN favorite INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE images ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
      ALTER TABLE images ADD COLUMN rejected INTEGER NOT NULL DEFAULT 0;
      -- a deleted image waits in the trash like a generation: its file goes only when the trash is emptied
      ALTER TABLE images ADD COLUMN deleted_at INTEGER;
      CREATE INDEX images_deleted ON images(deleted_at) WHERE deleted_at IS NOT NULL;

      -- the summary a tile shows and a page filters on, derived from the images on every write, never per page;
      -- generations.favorite stays and now means "one of its images is a favourite"
      ALTER TABLE generations ADD COLUMN best_rating INTEGER;
      -- images rejected or deleted: "2 of 4 kept"
      ALTER TABLE generations ADD COLUMN culled_images INTEGER NOT NULL DEFAULT 0;
      -- every image still in the library is rejected: "Hide rejected" hides the generation
      ALTER TABLE generations ADD COLUMN all_rejected INTEGER NOT NULL DEFAULT 0;
      -- a page of rated or culled generations walks only those, in date order within the gallery's status
      -- (measured at 100k: rating:>=4 2.5 ms and is:rejected 1 ms instead of 13 and 10 through generations_status)
      CREATE INDEX generations_rated ON generations(status, created_at, id) WHERE best_rating IS NOT NULL AND deleted_at IS NULL;
      CREATE INDEX generations_culled ON generations(status, created_at, id) WHERE culled_images > 0 AND deleted_at IS NULL;

      -- a favourite generation was a favourite of all four: each of its images gets it
      UPDATE images SET favorite = 1 WHERE generation_id IN (SELECT id FROM generations WHERE favorite = 1);
      UPDATE generations SET favorite = 0 WHERE favorite = 1 AND NOT EXISTS (SELECT 1 FROM images WHERE generation_id = generations.id);

      -- a new image changes the summary only when it comes curated, or joins images all rejected
      CREATE TRIGGER generation_summary_image_insert AFTER INSERT ON images
        WHEN new.favorite = 1 OR new.rating IS NOT NULL OR new.rejected = 1 OR new.deleted_at IS NOT NULL
          OR EXISTS (SELECT 1 FROM generations WHERE id = new.generation_id AND all_rejected = 1)
      BEGIN
        ${summaryOf('new.generation_id')}
      END;
      CREATE TRIGGER generation_summary_image_update AFTER UPDATE OF favorite, rating, rejected, deleted_at ON images BEGIN
        ${summaryOf('new.generation_id')}
      END;
      CREATE TRIGGER generation_summary_image_delete AFTER DELETE ON images BEGIN
        ${summaryOf('old.generation_id')}
      END;

      -- the totals count a saved image while neither it nor its generation is deleted (was: its generation only)
      DROP TRIGGER library_totals_generation_update;
      CREATE TRIGGER library_totals_generation_update AFTER UPDATE OF status, favorite, deleted_at, credits ON generations BEGIN
        UPDATE library_totals SET n = n - 1 WHERE old.deleted_at IS NULL AND name = 'status:' || old.status;
        UPDATE library_totals SET n = n + 1 WHERE new.deleted_at IS NULL AND name = 'status:' || new.status;
        UPDATE library_totals
          SET n = n + (new.deleted_at IS NULL AND new.favorite = 1) - (old.deleted_at IS NULL AND old.favorite = 1)
          WHERE name = 'favorites';
        UPDATE library_totals
          SET n = n + ((new.deleted_at IS NULL) - (old.deleted_at IS NULL))
            * (SELECT count(*) FROM images WHERE generation_id = new.id AND state = 'done' AND deleted_at IS NULL)
          WHERE (new.deleted_at IS NULL) <> (old.deleted_at IS NULL) AND name = 'images';
        UPDATE library_totals
          SET n = n + max(new.credits, 0) - max(old.credits, 0)
          WHERE new.credits IS NOT old.credits AND name = 'credits';
      END;
      DROP TRIGGER library_totals_generation_delete;
      CREATE TRIGGER library_totals_generation_delete BEFORE DELETE ON generations BEGIN
        UPDATE library_totals SET n = n - 1 WHERE old.deleted_at IS NULL AND name = 'status:' || old.status;
        UPDATE library_totals SET n = n - 1 WHERE old.deleted_at IS NULL AND old.favorite = 1 AND name = 'favorites';
        UPDATE library_totals SET n = n - (SELECT count(*) FROM images WHERE generation_id = old.id AND state = 'done' AND deleted_at IS NULL)
          WHERE old.deleted_at IS NULL AND name = 'images';
        UPDATE library_totals SET n = n - old.credits WHERE old.credits > 0 AND name = 'credits';
      END;
      DROP TRIGGER library_totals_image_insert;
      CREATE TRIGGER library_totals_image_insert AFTER INSERT ON images WHEN new.state = 'done' BEGIN
        UPDATE library_totals SET n = n + coalesce(new.bytes, 0) WHERE name = 'bytes';
        UPDATE library_totals SET n = n + 1
          WHERE new.deleted_at IS NULL AND name = 'images'
            AND EXISTS (SELECT 1 FROM generations WHERE id = new.generation_id AND deleted_at IS NULL);
      END;
      DROP TRIGGER library_totals_image_update;
      CREATE TRIGGER library_totals_image_update AFTER UPDATE OF state, bytes, generation_id, deleted_at ON images BEGIN
        UPDATE library_totals
          SET n = n + iif(new.state = 'done', coalesce(new.bytes, 0), 0) - iif(old.state = 'done', coalesce(old.bytes, 0), 0)
          WHERE name = 'bytes';
        UPDATE library_totals SET n = n - 1
          WHERE old.state = 'done' AND old.deleted_at IS NULL AND name = 'images'
            AND EXISTS (SELECT 1 FROM generations WHERE id = old.generation_id AND deleted_at IS NULL);
        UPDATE library_totals SET n = n + 1
          WHERE new.state = 'done' AND new.deleted_at IS NULL AND name = 'images'
            AND EXISTS (SELECT 1 FROM generations WHERE id = new.generation_id AND deleted_at IS NULL);
      END;
      DROP TRIGGER library_totals_image_delete;
      CREATE TRIGGER library_totals_image_delete AFTER DELETE ON images WHEN old.state = 'done' BEGIN
        UPDATE library_totals SET n = n - coalesce(old.bytes, 0) WHERE name = 'bytes';
        UPDATE library_totals SET n = n - 1
          WHERE old.deleted_at IS NULL AND name = 'images'
            AND EXISTS (SELECT 1 FROM generations WHERE id = old.generation_id AND deleted_at IS NULL);
      END;
    `,
  },
  {
    version: 9,
    name: 'collections, tags and saved searches',
    // Names are the identity an export carries (ids are this library's own), so each is unique
    // regardless of case and every row keeps when it was made. Members are images, one row per
    // generation with a bit for each of its four images: a run filed while still queued ("Generate
    // into") needs no image rows, and a bulk add of 10,000 generations writes 10,000 rows, not 40,000.
    sql: `
      CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        created_at INTEGER NOT NULL,
        -- a deleted collection waits here, members and all, so its delete can be undone
        deleted_at INTEGER,
        -- kept by the triggers below, so listing collections never counts
        image_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE collection_members (
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
        -- which of the generation's images are in: bit i is image i; a row with none is deleted
        images INTEGER NOT NULL CHECK (images BETWEEN 1 AND 15),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (collection_id, generation_id)
      ) WITHOUT ROWID;
      -- the cascade from a purged generation and "which collections hold this generation" start here
      CREATE INDEX collection_members_generation ON collection_members(generation_id);
      CREATE TRIGGER collection_members_insert AFTER INSERT ON collection_members BEGIN
        UPDATE collections SET image_count = image_count
          + (new.images & 1) + (new.images >> 1 & 1) + (new.images >> 2 & 1) + (new.images >> 3 & 1)
          WHERE id = new.collection_id;
      END;
      CREATE TRIGGER collection_members_update AFTER UPDATE OF images ON collection_members BEGIN
        UPDATE collections SET image_count = image_count
          + (new.images & 1) + (new.images >> 1 & 1) + (new.images >> 2 & 1) + (new.images >> 3 & 1)
          - (old.images & 1) - (old.images >> 1 & 1) - (old.images >> 2 & 1) - (old.images >> 3 & 1)
          WHERE id = new.collection_id;
      END;
      CREATE TRIGGER collection_members_delete AFTER DELETE ON collection_members BEGIN
        UPDATE collections SET image_count = image_count
          - (old.images & 1) - (old.images >> 1 & 1) - (old.images >> 2 & 1) - (old.images >> 3 & 1)
          WHERE id = old.collection_id;
      END;

      CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE generation_tags (
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (tag_id, generation_id)
      ) WITHOUT ROWID;
      CREATE INDEX generation_tags_generation ON generation_tags(generation_id);

      CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        query TEXT NOT NULL,
        -- the filters beside the text (shared/search.ts), as JSON
        filters TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: 'where a generation comes from: Kinovi, the Sandbox (simulated), Midjourney or imported',
    sql: `
      ALTER TABLE generations ADD COLUMN source TEXT NOT NULL DEFAULT 'kinovi'
        CHECK (source IN ('kinovi','sandbox','midjourney','imported'));
      -- the Job ID a Midjourney download carries: importing the same job twice finds it
      ALTER TABLE generations ADD COLUMN midjourney_job_id TEXT;
      CREATE UNIQUE INDEX generations_midjourney_job ON generations(midjourney_job_id) WHERE midjourney_job_id IS NOT NULL;
      -- Rows made before this version carry no source. The Sandbox names its tasks task_ + 24 hex
      -- digits (Kinovi's use the whole alphabet) and serves its images from the loopback address.
      UPDATE generations SET source = 'sandbox'
        WHERE task_id GLOB 'task_[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
          OR EXISTS (SELECT 1 FROM images i WHERE i.generation_id = generations.id
            AND (i.remote_url LIKE 'http://127.0.0.1:%' OR i.remote_url LIKE 'http://localhost:%'));
      -- simulated work never cost anything: the credits trigger takes any recorded spend off the total
      UPDATE generations SET credits = 0 WHERE source = 'sandbox' AND credits > 0;
      CREATE INDEX generations_simulated ON generations(created_at, id) WHERE source = 'sandbox' AND deleted_at IS NULL;

      -- the last balance each API reported: a simulated 402 never stands for the Kinovi account
      CREATE TABLE last_balance (
        source TEXT PRIMARY KEY CHECK (source IN ('kinovi','sandbox')),
        credits REAL NOT NULL,
        observed_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- the old single balance came from Kinovi only if this library ever sent a run there
      INSERT INTO last_balance (source, credits, observed_at)
        SELECT CASE WHEN EXISTS (SELECT 1 FROM generations WHERE source = 'kinovi' AND task_id IS NOT NULL) THEN 'kinovi' ELSE 'sandbox' END,
          credits, observed_at
        FROM credit_balance;
      DROP TABLE credit_balance;

      -- an import finds a file already in the library by the stored file's hash too
      CREATE INDEX images_file_sha256 ON images(file_sha256) WHERE file_sha256 IS NOT NULL;
      -- imports: one row per run, one per file met, so a run cut off by a crash or quit goes on where it stopped
      CREATE TABLE import_runs (
        id INTEGER PRIMARY KEY,
        folder TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER
      );
      CREATE TABLE import_files (
        run_id INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('imported','duplicate','unreadable')),
        reason TEXT,
        PRIMARY KEY (run_id, name)
      ) WITHOUT ROWID;
      -- the generation each imported group became: an export's lineage links are rebuilt from it
      CREATE TABLE import_groups (
        run_id INTEGER NOT NULL REFERENCES import_runs(id) ON DELETE CASCADE,
        group_key TEXT NOT NULL,
        generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
        parent_key TEXT,
        PRIMARY KEY (run_id, group_key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    name: 'run batches: the runs one Generate press made, found and cancelled as one',
    sql: `
      CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        -- derived from the prompt when the batch is made, e.g. "a lighthouse at dusk · stylize sweep"
        name TEXT NOT NULL,
        -- JSON list of the swept settings and their values ([] without a sweep), so a grid keeps its order
        sweep TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL
      );
      ALTER TABLE generations ADD COLUMN batch_id INTEGER REFERENCES batches(id) ON DELETE SET NULL;
      CREATE INDEX generations_batch ON generations(batch_id) WHERE batch_id IS NOT NULL;
    `,
  },
  {
    version: 12,
    name: 'stacks of reruns: one tile for the generations with the same effective settings and seed',
    // The key is a 64-bit hash of the effective settings (library/stacks.ts), written with each row;
    // NULL for an unknown seed and for rows older than this version until the upkeep thread's
    // backfill reaches them. A member is a finished generation, not binned, not all rejected (so
    // rejecting the newest rerun hands the tile to the one before). Members live in their own table,
    // so this migration reads no existing row: at a million generations an index on generations
    // would scan the whole table on the core's thread.
    sql: `
      ALTER TABLE generations ADD COLUMN stack_key INTEGER;
      -- 1 on every member but its stack's head: a stacked page adds g.stack_hidden = 0 and walks the usual indexes
      ALTER TABLE generations ADD COLUMN stack_hidden INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE stack_members (
        generation_id INTEGER PRIMARY KEY,
        stack_key INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX stack_members_order ON stack_members(stack_key, created_at, generation_id);
      -- each stack's newest member and how many there are, kept by the triggers below, never counted per page
      CREATE TABLE stacks (
        stack_key INTEGER PRIMARY KEY,
        head INTEGER NOT NULL,
        size INTEGER NOT NULL
      );
      CREATE TRIGGER stack_members_insert AFTER INSERT ON stack_members BEGIN
        -- the head so far steps back; the newest member (maybe the same) steps forward below
        UPDATE generations SET stack_hidden = 1 WHERE id = (SELECT head FROM stacks WHERE stack_key = new.stack_key);
        INSERT INTO stacks (stack_key, head, size) VALUES (new.stack_key, new.generation_id, 1)
          ON CONFLICT (stack_key) DO UPDATE SET size = size + 1,
            head = (SELECT generation_id FROM stack_members WHERE stack_key = new.stack_key ORDER BY created_at DESC, generation_id DESC LIMIT 1);
        UPDATE generations SET stack_hidden = (id <> (SELECT head FROM stacks WHERE stack_key = new.stack_key))
          WHERE id IN (new.generation_id, (SELECT head FROM stacks WHERE stack_key = new.stack_key));
      END;
      CREATE TRIGGER stack_members_delete AFTER DELETE ON stack_members BEGIN
        UPDATE generations SET stack_hidden = 0 WHERE id = old.generation_id AND stack_hidden = 1;
        DELETE FROM stacks WHERE stack_key = old.stack_key AND size = 1;
        UPDATE stacks SET size = size - 1,
            head = (SELECT generation_id FROM stack_members WHERE stack_key = old.stack_key ORDER BY created_at DESC, generation_id DESC LIMIT 1)
          WHERE stack_key = old.stack_key;
        UPDATE generations SET stack_hidden = 0 WHERE id = (SELECT head FROM stacks WHERE stack_key = old.stack_key) AND stack_hidden = 1;
      END;
      CREATE TRIGGER generations_stack_insert AFTER INSERT ON generations
        WHEN new.stack_key IS NOT NULL AND new.status = 'done' AND new.deleted_at IS NULL AND new.all_rejected = 0 BEGIN
        INSERT INTO stack_members (generation_id, stack_key, created_at) VALUES (new.id, new.stack_key, new.created_at);
      END;
      -- a change that keeps a member a member of the same stack at the same moment moves nothing
      CREATE TRIGGER generations_stack_update AFTER UPDATE OF stack_key, status, deleted_at, all_rejected, created_at ON generations
        WHEN (old.stack_key IS NOT NULL AND old.status = 'done') OR (new.stack_key IS NOT NULL AND new.status = 'done') BEGIN
        DELETE FROM stack_members WHERE generation_id = old.id
          AND NOT (new.stack_key IS NOT NULL AND new.status = 'done' AND new.deleted_at IS NULL AND new.all_rejected = 0
            AND stack_key = new.stack_key AND created_at = new.created_at);
        INSERT OR IGNORE INTO stack_members (generation_id, stack_key, created_at)
          SELECT new.id, new.stack_key, new.created_at
          WHERE new.stack_key IS NOT NULL AND new.status = 'done' AND new.deleted_at IS NULL AND new.all_rejected = 0;
      END;
      CREATE TRIGGER generations_stack_delete AFTER DELETE ON generations BEGIN
        DELETE FROM stack_members WHERE generation_id = old.id;
      END;
      -- present while older rows wait for their key (stacks.ts), given newest first below "below"
      CREATE TABLE stack_backfill (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        below INTEGER NOT NULL
      );
      INSERT INTO stack_backfill (id, below) SELECT 1, id + 1 FROM generations ORDER BY id DESC LIMIT 1;
    `,
  },
  {
    version: 13,
    name: 'the Sort menu value orders read in order: highest rated, stylize, chaos',
    // A page sorted by a value walks value_order from the cursor and stops after the page instead of
    // sorting every match (135-155 ms at 200k). It is an index kept as a table: CREATE INDEX would
    // hold the write lock for seconds at 1,000,000 generations (a scan and a sort of the whole
    // table), while a table is created empty at once and the rows already in the library are added
    // on the upkeep thread in ~10 ms transactions (value-order.ts). Until that is done, value orders
    // sort every match as before. One entry per order per generation not in the bin; unset counts
    // as below every real value (0 for ratings 1-5, -1 for stylize and chaos >= 0), so the key is never NULL.
    sql: `
      CREATE TABLE value_order (
        -- 1 highest rated (the best image rating), 2 stylize, 3 chaos
        sort INTEGER NOT NULL,
        status TEXT NOT NULL,
        value REAL NOT NULL,
        created_at INTEGER NOT NULL,
        generation_id INTEGER NOT NULL,
        PRIMARY KEY (sort, status, value, created_at, generation_id)
      ) WITHOUT ROWID;
      CREATE TRIGGER value_order_insert AFTER INSERT ON generations WHEN new.deleted_at IS NULL BEGIN
        INSERT OR IGNORE INTO value_order (sort, status, value, created_at, generation_id) VALUES
          (1, new.status, coalesce(new.best_rating, 0), new.created_at, new.id),
          (2, new.status, coalesce(new.effective_stylize, -1), new.created_at, new.id),
          (3, new.status, coalesce(new.effective_chaos, -1), new.created_at, new.id);
      END;
      -- (OR IGNORE: a row the backfill has not reached may get its entries here first; they are the same)
      CREATE TRIGGER value_order_update AFTER UPDATE OF status, best_rating, effective_stylize, effective_chaos, created_at, deleted_at ON generations
        WHEN old.status IS NOT new.status OR old.best_rating IS NOT new.best_rating OR old.effective_stylize IS NOT new.effective_stylize
          OR old.effective_chaos IS NOT new.effective_chaos OR old.created_at IS NOT new.created_at OR old.deleted_at IS NOT new.deleted_at
      BEGIN
        DELETE FROM value_order WHERE (sort, status, value, created_at, generation_id) IN (VALUES
          (1, old.status, coalesce(old.best_rating, 0), old.created_at, old.id),
          (2, old.status, coalesce(old.effective_stylize, -1), old.created_at, old.id),
          (3, old.status, coalesce(old.effective_chaos, -1), old.created_at, old.id));
        INSERT OR IGNORE INTO value_order (sort, status, value, created_at, generation_id)
          SELECT * FROM (VALUES
          (1, new.status, coalesce(new.best_rating, 0), new.created_at, new.id),
          (2, new.status, coalesce(new.effective_stylize, -1), new.created_at, new.id),
          (3, new.status, coalesce(new.effective_chaos, -1), new.created_at, new.id)) WHERE new.deleted_at IS NULL;
      END;
      CREATE TRIGGER value_order_delete AFTER DELETE ON generations BEGIN
        DELETE FROM value_order WHERE (sort, status, value, created_at, generation_id) IN (VALUES
          (1, old.status, coalesce(old.best_rating, 0), old.created_at, old.id),
          (2, old.status, coalesce(old.effective_stylize, -1), old.created_at, old.id),
          (3, old.status, coalesce(old.effective_chaos, -1), old.created_at, old.id));
      END;
      -- present while older rows wait for the backfill, which adds the ids under "below", newest first
      CREATE TABLE value_order_backfill (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        below INTEGER NOT NULL
      );
      INSERT INTO value_order_backfill (id, below) SELECT 1, id + 1 FROM generations ORDER BY id DESC LIMIT 1;
    `,
  },
  {
    version: 14,
    name: 'image hashes: exact duplicates by their pixels, near-duplicates by a perceptual hash in four indexed bands',
    sql: `
      -- one row per hashed image (library/similar.ts); pixel_sha256 is the decoded pixels' SHA-256, phash 16 hex digits
      CREATE TABLE image_hashes (
        image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
        pixel_sha256 TEXT NOT NULL,
        phash TEXT NOT NULL,
        -- the phash cut into four 16-bit bands: a hash within 7 bits shares a band within 1 bit (multi-index hashing)
        band0 INTEGER NOT NULL,
        band1 INTEGER NOT NULL,
        band2 INTEGER NOT NULL,
        band3 INTEGER NOT NULL
      );
      CREATE INDEX image_hashes_pixels ON image_hashes(pixel_sha256);
      -- each band's index carries the whole hash, so a lookup reads index pages only, never the table's rows
      CREATE INDEX image_hashes_band0 ON image_hashes(band0, phash);
      CREATE INDEX image_hashes_band1 ON image_hashes(band1, phash);
      CREATE INDEX image_hashes_band2 ON image_hashes(band2, phash);
      CREATE INDEX image_hashes_band3 ON image_hashes(band3, phash);
      -- pairs of images found alike when the later one was hashed (first < second), so the Duplicates view reads, never compares
      CREATE TABLE similar_images (
        first INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        second INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        distance INTEGER NOT NULL,
        PRIMARY KEY (first, second),
        CHECK (first < second)
      ) WITHOUT ROWID;
      CREATE INDEX similar_images_second ON similar_images(second);
      -- present while images saved before this version wait for the upkeep thread, which hashes the ids under "below", newest first
      CREATE TABLE hash_backfill (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        below INTEGER NOT NULL,
        -- images hashed so far, and how many there were to hash (counted by the backfill, off the core's thread)
        done INTEGER NOT NULL DEFAULT 0,
        total INTEGER
      );
      -- (the newest id by the table's own order: a count would read every row)
      INSERT INTO hash_backfill (id, below) SELECT 1, id + 1 FROM images ORDER BY id DESC LIMIT 1;
    `,
  },
  {
    version: 15,
    name: 'undo steps kept in the library: Ctrl/Cmd+Z survives a restart, and trash lives as long as the undo that can bring it back',
    sql: `
      -- the last curation changes, each with what puts it back (library/undo-steps.ts, core/undo-log.ts).
      -- AUTOINCREMENT: an id a renderer holds is never given to a later change
      CREATE TABLE undo_steps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        -- images (favourite, rating, reject), delete (images to the trash), trash (generations), simulated,
        -- tag, untag, file, unfile
        kind TEXT NOT NULL,
        -- when the change was made, unique among steps: everything it moved to the trash carries it as its deleted_at
        at INTEGER NOT NULL UNIQUE,
        -- a change over a whole query: its undo answers no generations, the renderer reads its page again
        quiet INTEGER NOT NULL DEFAULT 0,
        -- how many image states or ids the record holds, to bound what the library keeps
        size INTEGER NOT NULL,
        -- a tag's name or a collection's id
        note TEXT,
        data BLOB NOT NULL,
        -- 1 once out of the undo window: what it moved to the trash is being removed for good, then the row goes
        expired INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX undo_steps_expired ON undo_steps(expired, id);
    `,
  },
  {
    version: 16,
    name: 'tags and collections read in date order: a page of tag: or in: stops after the page',
    // A tag or collection page walked the gallery's date index and tested each row against the list
    // of members, built whole for every page (12 ms for a tag on 54,000 generations at 1,000,000);
    // a rare one walked far. member_order keeps every member row under its list in (created_at, id)
    // order, so such a page reads its list from the cursor and stops after the page (0.3 ms). Like
    // value_order (migration 13) it is created empty and the rows already in the library are added
    // on the upkeep thread in short transactions (member-order.ts); until then pages work as before.
    sql: `
      CREATE TABLE member_order (
        -- 1 a tag (generation_tags), 2 a collection (collection_members)
        list_kind INTEGER NOT NULL,
        list_id INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        generation_id INTEGER NOT NULL,
        PRIMARY KEY (list_kind, list_id, created_at, generation_id)
      ) WITHOUT ROWID;
      -- a generation's entries go with its member rows, its date moves them: both find them by id
      CREATE INDEX member_order_generation ON member_order(generation_id);
      -- (OR IGNORE: the backfill may reach a row the triggers already added; they are the same)
      CREATE TRIGGER member_order_tag_insert AFTER INSERT ON generation_tags BEGIN
        INSERT OR IGNORE INTO member_order (list_kind, list_id, created_at, generation_id)
          SELECT 1, new.tag_id, created_at, id FROM generations WHERE id = new.generation_id;
      END;
      CREATE TRIGGER member_order_tag_delete AFTER DELETE ON generation_tags BEGIN
        DELETE FROM member_order WHERE generation_id = old.generation_id AND list_kind = 1 AND list_id = old.tag_id;
      END;
      CREATE TRIGGER member_order_collection_insert AFTER INSERT ON collection_members BEGIN
        INSERT OR IGNORE INTO member_order (list_kind, list_id, created_at, generation_id)
          SELECT 2, new.collection_id, created_at, id FROM generations WHERE id = new.generation_id;
      END;
      CREATE TRIGGER member_order_collection_delete AFTER DELETE ON collection_members BEGIN
        DELETE FROM member_order WHERE generation_id = old.generation_id AND list_kind = 2 AND list_id = old.collection_id;
      END;
      CREATE TRIGGER member_order_redate AFTER UPDATE OF created_at ON generations WHEN old.created_at IS NOT new.created_at BEGIN
        UPDATE member_order SET created_at = new.created_at WHERE generation_id = new.id;
      END;
      -- (the member rows' cascade removes these too; this covers a delete with foreign keys off)
      CREATE TRIGGER member_order_generation_delete AFTER DELETE ON generations BEGIN
        DELETE FROM member_order WHERE generation_id = old.id;
      END;
      -- present while older member rows wait for the backfill, which adds those of the ids under "below", newest first
      CREATE TABLE member_order_backfill (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        below INTEGER NOT NULL
      );
      INSERT INTO member_order_backfill (id, below)
        SELECT 1, (SELECT id FROM generations ORDER BY id DESC LIMIT 1) + 1
        WHERE EXISTS (SELECT 1 FROM generation_tags) OR EXISTS (SELECT 1 FROM collection_members);
    `,
  },
  {
    version: 17,
    name: "the Sort menu's stylize and chaos place an unset setting at Midjourney's default",
    // A search compares an unset stylize or chaos as Midjourney's default (100 and 0, MIDJOURNEY_DEFAULTS
    // in shared/generation.ts): the value orders place it there too, no longer below every value (-1).
    // Re-keying the entries of every unset row at once would hold the write lock for seconds at
    // 1,000,000 generations, so the triggers write the new key from now on and the upkeep thread
    // re-keys the older entries in short transactions (value-order.ts), the ids under "below" newest
    // first; until then the value orders sort every match as before. Meanwhile an entry may still
    // carry the old key: the triggers remove either.
    sql: `
      DROP TRIGGER value_order_insert;
      DROP TRIGGER value_order_update;
      DROP TRIGGER value_order_delete;
      CREATE TRIGGER value_order_insert AFTER INSERT ON generations WHEN new.deleted_at IS NULL BEGIN
        INSERT OR IGNORE INTO value_order (sort, status, value, created_at, generation_id) VALUES
          (1, new.status, coalesce(new.best_rating, 0), new.created_at, new.id),
          (2, new.status, coalesce(new.effective_stylize, 100), new.created_at, new.id),
          (3, new.status, coalesce(new.effective_chaos, 0), new.created_at, new.id);
      END;
      CREATE TRIGGER value_order_update AFTER UPDATE OF status, best_rating, effective_stylize, effective_chaos, created_at, deleted_at ON generations
        WHEN old.status IS NOT new.status OR old.best_rating IS NOT new.best_rating OR old.effective_stylize IS NOT new.effective_stylize
          OR old.effective_chaos IS NOT new.effective_chaos OR old.created_at IS NOT new.created_at OR old.deleted_at IS NOT new.deleted_at
      BEGIN
        DELETE FROM value_order WHERE (sort, status, value, created_at, generation_id) IN (VALUES
          (1, old.status, coalesce(old.best_rating, 0), old.created_at, old.id),
          (2, old.status, coalesce(old.effective_stylize, 100), old.created_at, old.id),
          (2, old.status, coalesce(old.effective_stylize, -1), old.created_at, old.id),
          (3, old.status, coalesce(old.effective_chaos, 0), old.created_at, old.id),
          (3, old.status, coalesce(old.effective_chaos, -1), old.created_at, old.id));
        INSERT OR IGNORE INTO value_order (sort, status, value, created_at, generation_id)
          SELECT * FROM (VALUES
          (1, new.status, coalesce(new.best_rating, 0), new.created_at, new.id),
          (2, new.status, coalesce(new.effective_stylize, 100), new.created_at, new.id),
          (3, new.status, coalesce(new.effective_chaos, 0), new.created_at, new.id)) WHERE new.deleted_at IS NULL;
      END;
      CREATE TRIGGER value_order_delete AFTER DELETE ON generations BEGIN
        DELETE FROM value_order WHERE (sort, status, value, created_at, generation_id) IN (VALUES
          (1, old.status, coalesce(old.best_rating, 0), old.created_at, old.id),
          (2, old.status, coalesce(old.effective_stylize, 100), old.created_at, old.id),
          (2, old.status, coalesce(old.effective_stylize, -1), old.created_at, old.id),
          (3, old.status, coalesce(old.effective_chaos, 0), old.created_at, old.id),
          (3, old.status, coalesce(old.effective_chaos, -1), old.created_at, old.id));
      END;
      -- present while older entries of unset settings wait to be re-keyed, the ids under "below", newest first
      CREATE TABLE value_order_defaults (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        below INTEGER NOT NULL
      );
      -- (none when value_order is still empty: migration 13's backfill, just made, writes the new key itself)
      INSERT INTO value_order_defaults (id, below)
        SELECT 1, (SELECT id FROM generations ORDER BY id DESC LIMIT 1) + 1 WHERE EXISTS (SELECT 1 FROM value_order);
    `,
  },
  {
    version: 18,
    name: 'a setting given as Midjourney\'s default stacks with the same run left at the default',
    // The stack key now reads an explicit stylize 100, chaos 0, weird 0 or quality 1 as unset
    // (shared/stacks.ts), as searches compare them since version 17. The rows keyed before keep
    // their key until the upkeep thread's stack job reaches them (stacks.ts), the ids under "below"
    // down to "floor", newest first, in short transactions; only rows that gave a default get a new
    // key, and the stack triggers of version 12 move them. Until then such a rerun is its own tile,
    // as before. Rows under migration 12's own mark have no key yet (they get today's): not walked.
    sql: `
      CREATE TABLE stack_defaults (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        below INTEGER NOT NULL,
        floor INTEGER NOT NULL
      );
      INSERT INTO stack_defaults (id, below, floor)
        SELECT 1, top, floor FROM (SELECT
          (SELECT id + 1 FROM generations ORDER BY id DESC LIMIT 1) AS top,
          coalesce((SELECT below FROM stack_backfill WHERE id = 1), 0) AS floor)
        WHERE top > floor;
    `,
  },
  {
    version: 19,
    name: "the search index's segments are merged off the core's thread",
    // FTS5 merges an index's segments inside the commit that wrote them (automerge), so the core's
    // own inserts merged on the core's thread: up to ~30 ms of CPU a time at 1M, more at a merge of
    // the largest segments. Off here (the setting lives in the index); the checkpoint thread merges
    // in steps after the core's writes (search-index.ts mergeSearchIndex, checkpoints.ts).
    sql: `INSERT INTO generations_search (generations_search, rank) VALUES ('automerge', 0);`,
  },
  {
    version: 20,
    name: "the feed's ended runs by when they last changed",
    // The feed (queue panel) shows failed and outcome-unknown runs not dismissed for three days after
    // they last changed (shared/queue-rule.ts). No index reaches them by that time, so the panel read
    // every such run the library ever had and kept the recent ones: 30,973 rows and their images at
    // 1M, 530-820 ms on the core's thread at each start. Here they are kept by when they last
    // changed, so the panel reads the last three days only. The rows already there are listed once
    // through the status index (~60 ms at 1M, once); triggers keep the list since.
    sql: `
      CREATE TABLE ended_runs (
        updated_at INTEGER NOT NULL,
        generation_id INTEGER NOT NULL,
        PRIMARY KEY (updated_at, generation_id)
      ) WITHOUT ROWID;
      INSERT INTO ended_runs (updated_at, generation_id)
        SELECT updated_at, id FROM generations
        WHERE status IN ('failed', 'unknown') AND dismissed = 0 AND deleted_at IS NULL;
      CREATE TRIGGER ended_runs_insert AFTER INSERT ON generations
        WHEN new.status IN ('failed', 'unknown') AND new.dismissed = 0 AND new.deleted_at IS NULL BEGIN
        INSERT OR IGNORE INTO ended_runs (updated_at, generation_id) VALUES (new.updated_at, new.id);
      END;
      CREATE TRIGGER ended_runs_update AFTER UPDATE OF status, dismissed, deleted_at, updated_at ON generations
        WHEN (old.status IN ('failed', 'unknown') AND old.dismissed = 0 AND old.deleted_at IS NULL)
          OR (new.status IN ('failed', 'unknown') AND new.dismissed = 0 AND new.deleted_at IS NULL) BEGIN
        DELETE FROM ended_runs WHERE updated_at = old.updated_at AND generation_id = old.id;
        INSERT OR IGNORE INTO ended_runs (updated_at, generation_id)
          SELECT new.updated_at, new.id WHERE new.status IN ('failed', 'unknown') AND new.dismissed = 0 AND new.deleted_at IS NULL;
      END;
      CREATE TRIGGER ended_runs_delete AFTER DELETE ON generations
        WHEN old.status IN ('failed', 'unknown') AND old.dismissed = 0 AND old.deleted_at IS NULL BEGIN
        DELETE FROM ended_runs WHERE updated_at = old.updated_at AND generation_id = old.id;
      END;
    `,
  },
  {
    version: 21,
    name: "the gallery's total kept up to date on every write",
    // The gallery's total with no text and no filter (what it shows at every start) read every
    // generation: 1.6-3 s of a thread at 1M, beside the window's first paint on a 2-core machine.
    // Running totals by status, all-rejected and stack-hidden answer it from a few rows
    // (count-from-totals.ts). They join library_totals, so the one background count (totals.ts)
    // also counts what a library held before this migration: it is asked for again here unless the
    // library is empty; until it is done, the gallery counts as before.
    sql: `
      INSERT INTO library_totals (name)
        SELECT 'shown:' || s.value || ':' || r.value || ':' || h.value
        FROM json_each('[${statusList.replaceAll("'", '"')}]') s, json_each('[0,1]') r, json_each('[0,1]') h;
      DELETE FROM library_totals_counted WHERE EXISTS (SELECT 1 FROM generations);

      CREATE TRIGGER library_totals_shown_insert AFTER INSERT ON generations WHEN new.deleted_at IS NULL BEGIN
        UPDATE library_totals SET n = n + 1 WHERE name = 'shown:' || new.status || ':' || new.all_rejected || ':' || new.stack_hidden;
      END;
      CREATE TRIGGER library_totals_shown_update AFTER UPDATE OF status, deleted_at, all_rejected, stack_hidden ON generations BEGIN
        UPDATE library_totals SET n = n - 1
          WHERE old.deleted_at IS NULL AND name = 'shown:' || old.status || ':' || old.all_rejected || ':' || old.stack_hidden;
        UPDATE library_totals SET n = n + 1
          WHERE new.deleted_at IS NULL AND name = 'shown:' || new.status || ':' || new.all_rejected || ':' || new.stack_hidden;
      END;
      CREATE TRIGGER library_totals_shown_delete BEFORE DELETE ON generations WHEN old.deleted_at IS NULL BEGIN
        UPDATE library_totals SET n = n - 1 WHERE name = 'shown:' || old.status || ':' || old.all_rejected || ':' || old.stack_hidden;
      END;
    `,
  },
  {
    version: 22,
    name: "the search index's small segments merged by the checkpoint thread, not in the core's commits",
    // At 16 segments in one level FTS5 merges that level inside the commit that made the 16th
    // ('crisismerge'), whatever automerge says: in a burst of the core's writes, before the checkpoint
    // thread had a turn, the core merged on its own thread, and a merge that filled the next level
    // merged that one too (24-52 ms of CPU in one insert at 1M, in bench:library). At 64, the thread
    // merges a level long before (checkpoints.ts); a burst it is kept out of meets the mark at level 0,
    // whose one-commit segments merge quickly (25 of them in 1.8 ms of CPU at 1M). The setting lives in the index.
    sql: `INSERT INTO generations_search (generations_search, rank) VALUES ('crisismerge', 64);`,
  },
  {
    version: 23,
    name: "each generation's four thumbnails in one grid picture",
    // media/grid-thumbnail.ts: a four-up tile draws its four cells from one file. Null until the
    // queue has made it (older generations keep drawing their four thumbnails); adding columns is
    // a change to the schema only, no row is rewritten.
    sql: `
      ALTER TABLE generations ADD COLUMN grid_thumbnail TEXT;
      ALTER TABLE generations ADD COLUMN grid_width INTEGER;
      ALTER TABLE generations ADD COLUMN grid_height INTEGER;
    `,
  },
  {
    version: 24,
    name: 'grid thumbnails made for the generations saved before them',
    // library/grid-backfill.ts on the upkeep thread, newest first (the gallery's first screens):
    // until it reaches a generation, its tile draws its four thumbnails as before.
    sql: `
      -- present while generations saved before grid thumbnails wait for one; "below" as hash_backfill's
      CREATE TABLE grid_backfill (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        below INTEGER NOT NULL
      );
      INSERT INTO grid_backfill (id, below) SELECT 1, id + 1 FROM generations ORDER BY id DESC LIMIT 1;
    `,
  },
];

/** The schema version this build of Atelier writes. */
export const LATEST_VERSION: number = migrations.at(-1)?.version ?? 0;

/** The library file's schema version (PRAGMA user_version). */
export function schemaVersion(db: Library): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the file's version up to `target`, all in one transaction; returns the versions applied. */
export function migrate(db: Library, target: number = LATEST_VERSION): number[] {
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      // user_version lives in the file header and is part of the transaction, so a failed step leaves no trace
      db.pragma(`user_version = ${migration.version}`);
    }
    // A library still empty when it gets the date-ordered index (migration 7) has nothing to backfill:
    // its old index goes now, so no background job ever writes to it later (e.g. after damage is found).
    if (current < 7 && target >= 7 && db.prepare('SELECT 1 FROM generations LIMIT 1').get() === undefined) {
      db.exec(`DROP TRIGGER IF EXISTS generations_fts_insert; DROP TRIGGER IF EXISTS generations_fts_delete;
        DROP TRIGGER IF EXISTS generations_fts_update; DROP TABLE IF EXISTS generations_fts;`);
    }
  })();
  return pending.map((m) => m.version);
}

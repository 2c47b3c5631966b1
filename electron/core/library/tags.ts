/**
 * Tags on generations. A tag exists while a generation carries it: taking the last one off
 * forgets the tag, so autocomplete offers only tags in use.
 */
import type { Tag } from '../../../shared/curation.ts';
import { Failure } from '../failure.ts';
import type { Library } from './database.ts';
import { statement } from './statements.ts';

/** The ids a statement touched, in the order the caller gave them (RETURNING has no order). */
function inOrder(ids: readonly number[], touched: { generation_id: number }[]): number[] {
  const set = new Set(touched.map((row) => row.generation_id));
  return [...new Set(ids)].filter((id) => set.has(id));
}

const COUNT = '(SELECT count(*) FROM generation_tags gt WHERE gt.tag_id = t.id) AS generations';

/** Tags starting with `prefix` (any case), by name, at most `limit`. */
export function listTags(db: Library, prefix: string, limit: number): Tag[] {
  // not LIKE, which would read % and _ in what was typed; the range starts the walk of the name index
  return statement(
    db,
    `SELECT t.name, ${COUNT} FROM tags t
     WHERE t.name >= @prefix AND substr(t.name, 1, length(@prefix)) = @prefix COLLATE NOCASE
     ORDER BY t.name COLLATE NOCASE LIMIT @limit`,
  ).all({ prefix, limit }) as Tag[];
}

/** The tags of one generation, by name. */
export function tagsOf(db: Library, generationId: number): Tag[] {
  return statement(
    db,
    `SELECT t.name, ${COUNT} FROM tags t JOIN generation_tags g ON g.tag_id = t.id AND g.generation_id = ?
     ORDER BY t.name COLLATE NOCASE`,
  ).all(generationId) as Tag[];
}

/** Puts a tag on generations (made on first use, spelled as first typed); returns the ids that did not carry it yet. */
export function addTag(db: Library, ids: readonly number[], name: string, now: number = Date.now()): number[] {
  return db.transaction(() => {
    statement(db, 'INSERT OR IGNORE INTO tags (name, created_at) VALUES (?, ?)').run(name, now);
    const tag = statement(db, 'SELECT id FROM tags WHERE name = ?').get(name) as { id: number };
    // one set-based statement: a bulk tag of 10,000 generations stays short
    const tagged = statement(
      db,
      `INSERT OR IGNORE INTO generation_tags (tag_id, generation_id, added_at)
       SELECT ?, g.id, ? FROM json_each(?) j JOIN generations g ON g.id = j.value WHERE true
       RETURNING generation_id`,
    ).all(tag.id, now, JSON.stringify(ids)) as { generation_id: number }[];
    return inOrder(ids, tagged);
  })();
}

/** Takes a tag off generations; returns the ids that carried it. A tag left on nothing is forgotten. */
export function removeTag(db: Library, ids: readonly number[], name: string): number[] {
  return db.transaction(() => {
    const tag = statement(db, 'SELECT id FROM tags WHERE name = ?').get(name) as { id: number } | undefined;
    if (tag === undefined) return [];
    const removed = statement(
      db,
      'DELETE FROM generation_tags WHERE tag_id = ? AND generation_id IN (SELECT value FROM json_each(?)) RETURNING generation_id',
    ).all(tag.id, JSON.stringify(ids)) as { generation_id: number }[];
    statement(db, 'DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM generation_tags WHERE tag_id = ?)').run(tag.id, tag.id);
    return inOrder(ids, removed);
  })();
}

/** The tag of this name (in any case) as it is spelt now; null when no generation carries one (a tag left on nothing is forgotten). */
export function tagNamed(db: Library, name: string): string | null {
  return (statement(db, 'SELECT name FROM tags WHERE name = ?').get(name) as { name: string } | undefined)?.name ?? null;
}

/** Renames a tag on every generation; returns the name it had (for the undo). A new spelling of the same name is allowed. */
export function renameTag(db: Library, from: string, to: string): { previousName: string } {
  return db.transaction(() => {
    const tag = statement(db, 'SELECT id, name FROM tags WHERE name = ?').get(from) as { id: number; name: string } | undefined;
    if (tag === undefined) throw new Failure('not_found', `No generation carries the tag "${from}".`, { name: from });
    const other = statement(db, 'SELECT name FROM tags WHERE name = ? AND id <> ?').get(to, tag.id) as { name: string } | undefined;
    if (other !== undefined) throw new Failure('conflict', `There is already a tag "${other.name}"; pick another name.`, { name: other.name });
    statement(db, 'UPDATE tags SET name = ? WHERE id = ?').run(to, tag.id);
    return { previousName: tag.name };
  })();
}

/** The names of one generation's tags, by name, without counting their use (an export asks this for every generation). */
export function tagNamesOf(db: Library, generationId: number): string[] {
  const rows = statement(
    db,
    'SELECT t.name FROM tags t JOIN generation_tags g ON g.tag_id = t.id AND g.generation_id = ? ORDER BY t.name COLLATE NOCASE',
  ).all(generationId) as { name: string }[];
  return rows.map((row) => row.name);
}

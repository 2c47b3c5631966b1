/**
 * A word search's pages inside one millisecond holding thousands of generations (an import stamps
 * many with one date): the date-ordered index orders a millisecond by when each row was indexed,
 * the pages by (created_at, id). The page must cut exactly where (created_at, id) puts it and read
 * about a page of that millisecond, not all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../electron/core/library/database.ts';
import { searchGenerations } from '../../electron/core/library/search.ts';
import { useSearchWords } from '../../electron/core/library/search-words.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { addGeneration, tempLibrary } from '../support/library.ts';

const MOMENT = Date.UTC(2025, 5, 1);
const IN_MOMENT = 2000;
let library: ReturnType<typeof tempLibrary>;
let db: Library;

/** 40 generations after the millisecond, 2,000 in it (half of them with the word), 40 before. */
function fill(db: Library): void {
  db.transaction(() => {
    // a word start longer than the prefix indexes: the index narrows to "lighth*" and the row check
    // decides, so "lighthouse" rows are candidates the check turns down
    for (let i = 0; i < 40; i += 1) addGeneration(db, MOMENT - 1000 + i, { prompt: `lighthousekeeper before ${i}` });
    for (let i = 0; i < IN_MOMENT; i += 1) addGeneration(db, MOMENT + 5000 + i, { prompt: i % 2 === 0 ? `lighthousekeeper ${i}` : `lighthouse ${i}` });
    for (let i = 0; i < 40; i += 1) addGeneration(db, MOMENT + 1000 + i, { prompt: `lighthousekeeper after ${i}` });
    // into one millisecond, newest id first: the index's order there is the reverse of the ids'
    const moveIn = db.prepare('UPDATE generations SET created_at = ? WHERE id = ?');
    for (let id = 40 + IN_MOMENT; id > 40; id -= 1) moveIn.run(MOMENT, id);
  })();
}

beforeAll(() => {
  library = tempLibrary();
  db = library.db;
  fill(db);
});
afterAll(() => library.close());

const reference = (oldest: boolean) => {
  const order = oldest ? 'ASC' : 'DESC';
  return db
    .prepare(`SELECT id FROM generations WHERE effective_prompt LIKE '%lighthousekeeper%' AND deleted_at IS NULL ORDER BY created_at ${order}, id ${order}`)
    .pluck()
    .all() as number[];
};

function pages(search: LibrarySearchInput, limit: number, upTo = Number.POSITIVE_INFINITY): number[][] {
  const found: number[][] = [];
  let cursor: string | null = null;
  do {
    const page = searchGenerations(db, { ...search, limit, ...(cursor === null ? {} : { cursor }) });
    found.push(page.items.map((g) => g.id));
    cursor = page.nextCursor;
  } while (cursor !== null && found.length < upTo);
  return found;
}

describe('a word search in a millisecond of thousands', () => {
  it.each([7, 10, 200])('pages of %i cut where (created_at, id) puts it, newest and oldest first', (limit) => {
    expect(pages({ text: 'lighthousekeeper' }, limit).flat()).toEqual(reference(false));
    expect(pages({ text: 'lighthousekeeper', sort: 'oldest' }, limit).flat()).toEqual(reference(true));
  });

  it("tells the next page whether the cursor's millisecond ended on this one, so it reads that millisecond again only when not", () => {
    const mark = (cursor: string | null) => (JSON.parse(Buffer.from(cursor ?? '', 'base64url').toString('utf8')) as unknown[])[3];
    // newest first: 40 rows after the millisecond, one per millisecond, then 1,000 matches inside it
    const before = searchGenerations(db, { text: 'lighthousekeeper', limit: 10 });
    expect(mark(before.nextCursor)).toBe(1);
    const inside = searchGenerations(db, { text: 'lighthousekeeper', limit: 45 });
    expect(mark(inside.nextCursor)).toBeUndefined();
    // a cursor without the mark (as older pages gave) still reads the rest of its millisecond
    const [tag, createdAt, id] = JSON.parse(Buffer.from(inside.nextCursor ?? '', 'base64url').toString('utf8')) as unknown[];
    const unmarked = Buffer.from(JSON.stringify([tag, createdAt, id])).toString('base64url');
    const next = searchGenerations(db, { text: 'lighthousekeeper', limit: 10, cursor: unmarked });
    expect(next.items.map((g) => g.id)).toEqual(reference(false).slice(45, 55));
  });

  it('reads about a page of the millisecond for each page, not the whole millisecond', () => {
    const counted = tempLibrary();
    const db = counted.db;
    fill(db);
    // the row check, counted (in place of the real one before any statement uses it): the same answer for these prompts
    useSearchWords(db);
    let checks = 0;
    // (three arguments, as the real one takes: SQLite tells functions apart by name and count)
    db.function('search_text_holds', { deterministic: true }, (prompt: unknown, _negative: unknown, _expression: unknown) => {
      checks += 1;
      return String(prompt).includes('lighthousekeeper') ? 1 : 0;
    });
    const perPage: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 8; page += 1) {
      checks = 0;
      const result = searchGenerations(db, { text: 'lighthousekeeper', limit: 10, ...(cursor === null ? {} : { cursor }) });
      cursor = result.nextCursor;
      perPage.push(checks);
    }
    // the pages after the first 40 rows are inside the millisecond: 1,000 candidates there
    // (the whole millisecond was read for every page: 2,000 checks each)
    counted.close();
    expect(Math.max(...perPage)).toBeLessThan(100);
  });
});

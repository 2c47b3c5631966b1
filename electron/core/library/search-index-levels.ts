/**
 * The search index's segments as FTS5 keeps them (its structure record), and which of them FTS5's
 * next merge step would read: the checkpoint thread only takes a step over big segments while the
 * core is quiet (checkpoints.ts), as a step writes a word's whole list and over big segments that
 * holds the write lock for hundreds of milliseconds.
 */
import type { Library } from './database.ts';
import { statement } from './statements.ts';

export interface IndexLevel {
  /** How many of the level's first segments a merge under way is reading (0: none under way). */
  merging: number;
  /** Each segment's size in pages. */
  segments: number[];
}

/** Segments a level gathers before FTS5's 'merge' command merges it ('usermerge', FTS5's default; Atelier never sets it). */
const USER_MERGE = 4;

/** The first bytes after the 4-byte cookie in a structure record that carries each segment's origin and tombstones too. */
const VERSION_2 = Buffer.from([0xff, 0x00, 0x00, 0x01]);

/**
 * The index's levels, from its structure record (row 10 of its data table: a 4-byte cookie, maybe a
 * version mark, the counts of levels and segments and the write counter, then each level's merge
 * under way, its segments' ids and first and last pages, and in version 2 five numbers more per
 * segment). Read as fts5_index.c fts5StructureDecode reads it; numbers are SQLite varints.
 */
export function indexLevels(db: Library): IndexLevel[] {
  const block = statement(db, 'SELECT block FROM generations_search_data WHERE id = 10').pluck().get() as Buffer | undefined;
  if (block === undefined) return [];
  const version2 = block.subarray(4, 8).equals(VERSION_2);
  let at = version2 ? 8 : 4;
  const varint = (): number => {
    let value = 0;
    for (let i = 0; i < 9; i += 1) {
      const byte = block[at] ?? 0;
      at += 1;
      if (i === 8) return value * 256 + byte;
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    return value;
  };
  const levelCount = varint();
  varint(); // segments in all
  varint(); // write counter
  const levels: IndexLevel[] = [];
  for (let level = 0; level < levelCount; level += 1) {
    const merging = varint();
    const count = varint();
    const segments: number[] = [];
    for (let s = 0; s < count; s += 1) {
      varint(); // segment id
      const first = varint();
      const last = varint();
      if (version2) for (let more = 0; more < 5; more += 1) varint();
      segments.push(last - first + 1);
    }
    levels.push({ merging, segments });
  }
  // a record this reader cannot make sense of: the merge step itself runs, and FTS5 says what is wrong
  return at > block.length ? [] : levels;
}

/**
 * Pages of the segments FTS5's next merge step reads, 0 when it has none to merge: the level of a
 * merge under way, unless a lower level holds more segments, else the level with the most, with
 * at least four (fts5_index.c fts5IndexMerge). A step writes each word's merged list whole, so its
 * longest list, and its time, grows with these segments.
 */
export function nextMergePages(levels: readonly IndexLevel[]): number {
  let best: IndexLevel | undefined;
  let most = 0;
  for (const level of levels) {
    if (level.merging > 0) {
      if (level.merging > most) {
        best = level;
        most = USER_MERGE;
      }
      break;
    }
    if (level.segments.length > most) {
      most = level.segments.length;
      best = level;
    }
  }
  if (best === undefined || most < USER_MERGE) return 0;
  const input = best.merging > 0 ? best.segments.slice(0, best.merging) : best.segments;
  return input.reduce((sum, pages) => sum + pages, 0);
}

import type { Library } from './database.ts';
import type { SearchCount } from '../../../shared/search.ts';
import { readTotals, totalsCounted } from './totals.ts';

/** The clauses a search with no text and no filter has (search-engine.ts whereOf): the rest make it a real search. */
const NOT_BINNED = 'g.deleted_at IS NULL';
const NOT_ALL_REJECTED = 'g.all_rejected = 0';
const STATUS_IN = /^\+?g\.status IN \([?, ]+\)$/;

/**
 * A count of the gallery with no text and no filter beyond its statuses and "Hide rejected" (what
 * it shows at every start), summed from the running totals (totals.ts `shown`, migration 21): a few
 * rows instead of every generation, 1.6-3 s of a thread at 1M. Null for any other search, and
 * until the totals count every row; the caller then counts the rows.
 *
 * `clauses` and `values` are the search's conditions compiled unstacked, so `stacked` says whether
 * its tiles are counted too (the stacks' heads).
 */
export function countFromTotals(db: Library, clauses: readonly string[], values: readonly unknown[], stacked: boolean): SearchCount | null {
  let statuses: ReadonlySet<unknown> | null = null;
  let hideRejected = false;
  for (const clause of clauses) {
    if (clause === NOT_BINNED) continue;
    if (clause === NOT_ALL_REJECTED) hideRejected = true;
    else if (statuses === null && STATUS_IN.test(clause)) statuses = new Set(values);
    else return null;
  }
  // every value belongs to the status clause, or some other clause took one
  if (statuses === null && values.length > 0) return null;
  if (!totalsCounted(db)) return null;
  let total = 0;
  let tiles = 0;
  for (const [key, n] of Object.entries(readTotals(db).shown)) {
    const [status, allRejected, stackHidden] = key.split(':');
    if ((statuses !== null && !statuses.has(status)) || (hideRejected && allRejected === '1')) continue;
    total += n;
    if (stackHidden === '0') tiles += n;
  }
  return stacked ? { total, tiles } : { total };
}

import type { Library } from './database.ts';
import type { CreditSummary, LibraryStats } from '../../../shared/contract.ts';
import { CREDITS_PER_RUN, DOLLARS_PER_CREDIT } from '../../../shared/generation.ts';
import { statement } from './statements.ts';
import { readTotals } from './totals.ts';

const DAY_MS = 86_400_000;

/** The contract's shape: the renderer shows these as they come. */
export type { LibraryStats } from '../../../shared/contract.ts';

export interface CreditsDay {
  /** The local calendar day, YYYY-MM-DD. */
  day: string;
  credits: number;
}

/**
 * Counts, disk use and total spend of the library, from the running totals (a dozen rows,
 * whatever the library's size). Call it once `totalsCounted` is true.
 */
export function libraryStats(db: Library): LibraryStats {
  const totals = readTotals(db);
  return {
    generations: Object.values(totals.byStatus).reduce((sum, n) => sum + n, 0),
    images: totals.images,
    favorites: totals.favorites,
    byStatus: totals.byStatus,
    bytes: totals.bytes,
    creditsSpent: totals.credits,
  };
}

/** Every credit ever charged, purged generations included (the running total: no rows are read). */
export function creditsSpent(db: Library): number {
  return readTotals(db).credits;
}

/**
 * Credits charged per day over the last `days` days (today included, empty days as 0), oldest first.
 * `utcOffsetMinutes` places the day boundaries at the artist's midnight (east of UTC is positive).
 */
export function creditsPerDay(db: Library, options: { now?: number; days?: number; utcOffsetMinutes?: number } = {}): CreditsDay[] {
  const now = options.now ?? Date.now();
  const days = options.days ?? 30;
  const offset = (options.utcOffsetMinutes ?? -new Date(now).getTimezoneOffset()) * 60_000;
  const today = Math.floor((now + offset) / DAY_MS);
  const from = (today - days + 1) * DAY_MS - offset;
  // better-sqlite3 binds JS numbers as REAL: the CAST keeps the day division whole.
  const rows = statement(
    db,
    `SELECT CAST(at + ? AS INTEGER) / ${DAY_MS} AS day, sum(credits) AS credits FROM (
       SELECT submitted_at AS at, credits FROM generations WHERE credits > 0 AND submitted_at >= ?
       UNION ALL SELECT spent_at, credits FROM credits_spent_archive WHERE spent_at >= ?
     ) GROUP BY day`,
  ).all(offset, from, from) as { day: number; credits: number }[];
  const byDay = new Map(rows.map((r) => [r.day, r.credits]));
  return Array.from({ length: days }, (_, i) => {
    const day = today - days + 1 + i;
    return { day: new Date(day * DAY_MS).toISOString().slice(0, 10), credits: byDay.get(day) ?? 0 };
  });
}

/** The API a balance was learned from: the Sandbox's are simulated and never stand for the Kinovi account. */
export type BalanceSource = 'kinovi' | 'sandbox';

/** Remembers the balance an API last reported (e.g. in a 402 answer), apart for each API. */
export function recordBalance(db: Library, credits: number, source: BalanceSource, now: number = Date.now()): void {
  statement(
    db,
    `INSERT INTO last_balance (source, credits, observed_at) VALUES (?, ?, ?)
     ON CONFLICT (source) DO UPDATE SET credits = excluded.credits, observed_at = excluded.observed_at`,
  ).run(source, credits, now);
}

/** The last balance this API reported, and when; null if never seen. */
export function lastKnownBalance(db: Library, source: BalanceSource): { credits: number; observedAt: number } | null {
  const row = statement(db, 'SELECT credits, observed_at AS observedAt FROM last_balance WHERE source = ?').get(source) as
    | { credits: number; observedAt: number }
    | undefined;
  return row ?? null;
}

/**
 * The estimate per run, what was spent today and in all, and the last balance the API reported:
 * today's runs through the charged-runs index, the total from the running totals (once counted); the
 * balance is the one `balanceFrom` (the API in use) reported.
 */
export function creditSummary(db: Library, balanceFrom: BalanceSource, now: number = Date.now()): CreditSummary {
  const utcOffsetMinutes = -new Date(now).getTimezoneOffset();
  const days = creditsPerDay(db, { now, days: 1, utcOffsetMinutes });
  const balance = lastKnownBalance(db, balanceFrom);
  return {
    perRun: CREDITS_PER_RUN,
    dollarsPerRun: CREDITS_PER_RUN * DOLLARS_PER_CREDIT,
    today: days.at(-1)?.credits ?? 0,
    total: creditsSpent(db),
    lastKnownBalance: balance ? { available: balance.credits, at: balance.observedAt } : null,
  };
}

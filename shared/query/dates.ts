/**
 * Date terms are local days: "today" is the artist's today. The library turns them into moments
 * with the clock and time-zone offset the request carries, so a search is the same on any machine.
 */
import type { DateRange, Day } from './ast.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Moments (Unix ms) a date term spans: created at or after `from`, strictly before `before`. */
export interface Moments {
  from?: number;
  before?: number;
}

/**
 * The moments of a date range for a clock reading `now` in a zone `utcOffsetMinutes` ahead of UTC
 * (one offset for the whole search: a day across a daylight-saving change is off by that hour).
 */
export function momentsOf(range: DateRange, now: number, utcOffsetMinutes: number): Moments {
  const offset = utcOffsetMinutes * 60_000;
  const startOf = (day: Day) => Date.UTC(day.year, day.month - 1, day.day) - offset;
  const today = Math.floor((now + offset) / DAY) * DAY - offset;
  switch (range.type) {
    case 'today':
      return { from: today, before: today + DAY };
    case 'yesterday':
      return { from: today - DAY, before: today };
    case 'last':
      return { from: now - range.amount * (range.unit === 'hour' ? HOUR : range.unit === 'week' ? 7 * DAY : DAY) };
    case 'days':
      return {
        ...(range.from ? { from: startOf(range.from) } : {}),
        ...(range.before ? { before: startOf(range.before) } : {}),
      };
  }
}

import type { Library } from './database.ts';
import { unfinishedStatuses } from '../../../shared/generation.ts';
import { statement } from './statements.ts';

/** How many generations one step moves: a step stays well under the core's 50 ms, whatever the library holds. */
export const SIMULATED_STEP = 500;

const UNFINISHED = unfinishedStatuses.map((s) => `'${s}'`).join(',');

/**
 * Moves up to `SIMULATED_STEP` of the Sandbox's finished generations to the bin, all stamped `at`
 * so the undo finds exactly them; returns the ids moved (none left when empty). Runs still on
 * their way are left to the queue.
 */
export function binSimulatedStep(db: Library, at: number): number[] {
  const rows = statement(
    db,
    `UPDATE generations SET deleted_at = ?, updated_at = ?
     WHERE id IN (SELECT id FROM generations WHERE source = 'sandbox' AND deleted_at IS NULL AND status NOT IN (${UNFINISHED})
                  LIMIT ${SIMULATED_STEP})
     RETURNING id`,
  ).all(at, at) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Brings back up to `SIMULATED_STEP` of the simulated generations binned at `at` (the undo); returns their ids. */
export function unbinSimulatedStep(db: Library, at: number, now: number = Date.now()): number[] {
  const rows = statement(
    db,
    `UPDATE generations SET deleted_at = NULL, updated_at = ?
     WHERE id IN (SELECT id FROM generations WHERE source = 'sandbox' AND deleted_at = ? LIMIT ${SIMULATED_STEP})
     RETURNING id`,
  ).all(now, at) as { id: number }[];
  return rows.map((r) => r.id);
}

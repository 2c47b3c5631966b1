/** Every scenario, in the order they run (cheapest first). */
import type { Scenario } from '../harness/runner.ts';
import { startUp } from './start-up.ts';

export const scenarios: readonly Scenario[] = [startUp];

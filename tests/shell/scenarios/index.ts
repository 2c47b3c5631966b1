/** Every scenario, in the order they run (cheapest first). */
import type { Scenario } from '../harness/runner.ts';
import { generation } from './generation.ts';
import { keyStore } from './key-store.ts';
import { quitWithRuns } from './quit.ts';
import { secondInstance } from './second-instance.ts';
import { startUp } from './start-up.ts';
import { lastWindow, windowPlace } from './windows.ts';

export const scenarios: readonly Scenario[] = [startUp, windowPlace, lastWindow, secondInstance, keyStore, generation, quitWithRuns];

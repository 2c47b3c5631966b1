/** Every scenario, in the order they run (cheapest first). */
import type { Scenario } from '../harness/runner.ts';
import { exportLists } from './export-lists.ts';
import { generation } from './generation.ts';
import { keyStore } from './key-store.ts';
import { packaged } from './packaged.ts';
import { quitWithRuns } from './quit.ts';
import { secondInstance } from './second-instance.ts';
import { startUpFailures } from './start-up-failures.ts';
import { startUp } from './start-up.ts';
import { lastWindow, windowPlace } from './windows.ts';

export const scenarios: readonly Scenario[] = [exportLists, startUp, startUpFailures, windowPlace, lastWindow, secondInstance, keyStore, generation, quitWithRuns, packaged];

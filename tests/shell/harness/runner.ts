/**
 * Runs scenarios made of named checks and counts them the way CI reads: passed, failed, skipped.
 * A failed check ends its scenario (later checks build on it) and prints what the app said.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAll, launch, type LaunchedApp, type LaunchOptions } from './launch.ts';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

export interface ScenarioContext {
  /** The app folder under test (package.json + out/). */
  appDir: string;
  /** A fresh folder for this scenario, removed afterwards. */
  dir: string;
  /** The library folder launches use unless told otherwise. */
  dataDir: string;
  /** Starts the app; the pretend machine and library default to this scenario's. */
  launch(options?: Partial<LaunchOptions>): LaunchedApp;
  /** One counted check; a failure ends the scenario. */
  check(name: string, run: () => Promise<void> | void): Promise<void>;
  /**
   * A check of a known, filed bug that this round does not fix: it must fail today (counted as
   * skipped, with the reason); once it passes, the run fails until the mark is removed.
   */
  knownIssue(name: string, issue: string, run: () => Promise<void> | void): Promise<void>;
  /** A measurement or fact worth printing with the results. */
  note(text: string): void;
}

export interface Scenario {
  /** Short name for --only. */
  id: string;
  name: string;
  run(context: ScenarioContext): Promise<void>;
}

class ScenarioStopped extends Error {}

const indent = (text: string, by = '      ') => text.replace(/^/gm, by);

/** Runs the scenarios in order against `appDir`; prints each check and returns the counts. */
export async function runScenarios(scenarios: readonly Scenario[], appDir: string): Promise<Tally> {
  const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
  for (const scenario of scenarios) {
    console.log(`\n${scenario.name} [${scenario.id}]`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atelier-shell-'));
    const dataDir = path.join(dir, 'library');
    const launches: LaunchedApp[] = [];
    const context: ScenarioContext = {
      appDir,
      dir,
      dataDir,
      launch(options = {}) {
        const machineDir = options.machineDir ?? path.join(dir, 'machine');
        mkdirSync(machineDir, { recursive: true });
        const app = launch({ appDir, machineDir, dataDir, ...options });
        launches.push(app);
        return app;
      },
      async check(name, run) {
        const started = performance.now();
        try {
          await run();
        } catch (error) {
          tally.failed += 1;
          console.log(`  ✗ ${name}\n${indent(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
          throw new ScenarioStopped();
        }
        tally.passed += 1;
        console.log(`  ✓ ${name} (${Math.round(performance.now() - started)} ms)`);
      },
      async knownIssue(name, issue, run) {
        try {
          await run();
        } catch (error) {
          tally.skipped += 1;
          console.log(`  - ${name}: known issue, not fixed yet (${issue})\n${indent(error instanceof Error ? error.message : String(error), '      ')}`);
          return;
        }
        tally.failed += 1;
        console.log(`  ✗ ${name}: marked as a known issue (${issue}) but it passes now: remove the mark so it counts`);
        throw new ScenarioStopped();
      },
      note(text) {
        console.log(`    · ${text}`);
      },
    };
    try {
      await scenario.run(context);
    } catch (error) {
      if (!(error instanceof ScenarioStopped)) {
        tally.failed += 1;
        console.log(`  ✗ ${scenario.name} stopped outside a check\n${indent(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
      }
      for (const [index, app] of launches.entries()) {
        const tail = app.output.trim().split('\n').slice(-30).join('\n');
        if (tail) console.log(`    launch ${index + 1} said (last lines):\n${indent(tail)}`);
      }
    } finally {
      killAll();
      await Promise.all(launches.map((app) => app.exited));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return tally;
}

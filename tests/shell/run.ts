/**
 * `npm run test:shell`: the built desktop app (out/, or an extracted package with --app) run under
 * the stand-in Electron, scenario by scenario. Exits non-zero on any failure; ends with the line CI
 * reads and with what this harness cannot catch.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runScenarios, type Tally } from './harness/runner.ts';
import { scenarios } from './scenarios/index.ts';
import { readElectronExports, versionMismatch } from './standin/exports.ts';

const { values } = parseArgs({
  options: {
    app: { type: 'string' },
    only: { type: 'string' },
    report: { type: 'string' },
  },
});
const root = path.resolve(import.meta.dirname, '../..');
const appDir = path.resolve(values.app ?? root);
const lists = readElectronExports();

const mismatch = versionMismatch(lists);
if (mismatch) {
  console.error(`The shell harness will not run: ${mismatch}`);
  process.exit(2);
}

const only = values.only?.split(',').map((name) => name.trim());
// The packaged scenario packs this project; with --app the run is about that folder only.
const available = values.app ? scenarios.filter((scenario) => scenario.id !== 'packaged') : scenarios;
const chosen = only ? available.filter((scenario) => only.includes(scenario.id)) : available;
if (only && chosen.length !== only.length) {
  console.error(`Unknown scenario in --only; the scenarios are: ${available.map((scenario) => scenario.id).join(', ')}`);
  process.exit(2);
}

console.log(`Shell harness: ${appDir} under a stand-in Electron ${lists.electron} (Node ${process.versions.node})`);
const tally: Tally = await runScenarios(chosen, appDir);

console.log(`\nWhat this harness cannot catch: real Chromium behaviour (rendering, the page's own scripts, CSP enforcement —
the Playwright suites cover the page in real Chromium), the OS sandbox, native dialogs and menus as drawn,
notifications as the OS shows them, drag and drop with a real pointer, keyring back-ends, code signing and
installers. Those need the real binary: tests/e2e-electron is the release gate wherever one exists.`);
console.log(`${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
if (values.report) writeFileSync(values.report, JSON.stringify(tally));
process.exit(tally.failed > 0 ? 1 : 0);

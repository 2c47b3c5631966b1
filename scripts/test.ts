/**
 * `npm test`: everything, in the order a failure is cheapest to find — typecheck, lint,
 * build, unit and integration tests (vitest), the desktop shell under a stand-in Electron
 * (tests/shell), end-to-end tests (Playwright in real Chromium; the Electron project skips
 * where no binary exists). Ends with the one line CI reads: `N passed, N failed, N skipped`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromiumPath } from '../tests/support/chromium.ts';
import { build } from './lib/build.ts';
import { findElectronBinary } from './lib/electron-binary.ts';
import { root, run } from './lib/run.ts';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
const results = path.join(root, 'test-results');
rmSync(path.join(results, 'unit.json'), { force: true });
rmSync(path.join(results, 'e2e.json'), { force: true });
rmSync(path.join(results, 'shell.json'), { force: true });
mkdirSync(results, { recursive: true });

function record(step: string, tally: Tally): void {
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
  lines.push(`${step.padEnd(28)} ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
}

/** A whole-step check (typecheck, lint) counts as one test. */
async function check(step: string, command: string, args: string[]): Promise<void> {
  console.log(`\n── ${step}`);
  const code = await run(command, args);
  record(step, code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

await check('typecheck (node side)', 'tsc', ['-p', 'tsconfig.node.json']);
await check('typecheck (browser tests)', 'tsc', ['-p', 'tsconfig.e2e.json']);
await check('typecheck (web side)', 'tsc', ['-p', 'tsconfig.web.json']);
await check('lint', 'eslint', ['--max-warnings', '0', '.']);

console.log('\n── build');
await build();

console.log('\n── unit and integration tests (vitest)');
const unitCode = await run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(results, 'unit.json')}`]);
const unit = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(path.join(results, 'unit.json'));
if (unit) {
  record('unit + integration', { passed: unit.numPassedTests, failed: unit.numFailedTests, skipped: unit.numPendingTests + unit.numTodoTests });
}
if (!unit || (unitCode !== 0 && unit.numFailedTests === 0)) record('vitest run itself', { passed: 0, failed: 1, skipped: 0 });

console.log('\n── desktop shell under a stand-in Electron (tests/shell)');
const shellCode = await run('node', ['tests/shell/run.ts', '--report', path.join(results, 'shell.json')]);
const shell = readJson<Tally>(path.join(results, 'shell.json'));
if (shell) record('desktop shell (stand-in)', shell);
if (!shell || (shellCode !== 0 && shell.failed === 0)) record('shell harness itself', { passed: 0, failed: 1, skipped: 0 });

console.log('\n── end-to-end tests (Playwright)');
const chromium = chromiumPath();
if (!chromium) {
  console.error(
    'No Chromium found for the end-to-end tests. Install it with `sudo apt-get install chromium` (Debian/Ubuntu),\n' +
      'or point CHROMIUM_PATH at a Chromium or Chrome executable. The end-to-end step counts as failed.',
  );
  record('end-to-end', { passed: 0, failed: 1, skipped: 0 });
} else {
  const electron = findElectronBinary();
  if (!electron.found) console.log(`Electron end-to-end tests: skipped — ${electron.reason}.`);
  const e2eCode = await run('playwright', ['test']);
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(path.join(results, 'e2e.json'));
  if (e2e) record('end-to-end', { passed: e2e.stats.expected + e2e.stats.flaky, failed: e2e.stats.unexpected, skipped: e2e.stats.skipped });
  if (!e2e || (e2eCode !== 0 && e2e.stats.unexpected === 0)) record('playwright run itself', { passed: 0, failed: 1, skipped: 0 });
}

console.log('\n── summary');
for (const line of lines) console.log(line);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);

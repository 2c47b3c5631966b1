/**
 * `npm test`: everything, in the order a failure is cheapest to find — typecheck, lint,
 * build, unit and integration tests (vitest), the desktop shell under a stand-in Electron
 * (tests/shell), end-to-end tests (Playwright in real Chromium, found or installed by
 * scripts/lib/chromium-setup.ts; the Electron project skips where no binary exists).
 * Ends with the one line CI reads: `N passed, N failed, N skipped`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, useBuiltThreads } from './lib/build.ts';
import { setUpChromium } from './lib/chromium-setup.ts';
import { findElectronBinary } from './lib/electron-binary.ts';
import { root, run } from './lib/run.ts';
import { runPlaywright, runVitest, type Tally } from './lib/test-runs.ts';

const total = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
const results = path.join(root, 'test-results');
rmSync(path.join(results, 'shell.json'), { force: true });
mkdirSync(results, { recursive: true });

function record(step: string, tally: Omit<Tally, 'failures'>): void {
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

await check('typecheck (node side)', 'tsc', ['-p', 'tsconfig.node.json']);
await check('typecheck (browser tests)', 'tsc', ['-p', 'tsconfig.e2e.json']);
await check('typecheck (web side)', 'tsc', ['-p', 'tsconfig.web.json']);
await check('lint', 'eslint', ['--max-warnings', '0', '.']);

console.log('\n── build');
await build();
useBuiltThreads();

console.log('\n── unit and integration tests (vitest)');
record('unit + integration', await runVitest(['--reporter=default'], path.join(results, 'unit.json')));

console.log('\n── desktop shell under a stand-in Electron (tests/shell)');
const shellReport = path.join(results, 'shell.json');
const shellCode = await run('node', ['tests/shell/run.ts', '--report', shellReport]);
const shell = existsSync(shellReport) ? (JSON.parse(readFileSync(shellReport, 'utf8')) as Omit<Tally, 'failures'>) : undefined;
if (shell) record('desktop shell (stand-in)', shell);
if (!shell || (shellCode !== 0 && shell.failed === 0)) record('shell harness itself', { passed: 0, failed: 1, skipped: 0 });

console.log('\n── end-to-end tests (Playwright)');
const chromium = await setUpChromium();
if (chromium.path === undefined) {
  console.error(`${chromium.problem} The end-to-end step counts as failed.`);
  record('end-to-end', { passed: 0, failed: 1, skipped: 0 });
} else {
  const electron = findElectronBinary();
  if (!electron.found) console.log(`Electron end-to-end tests: skipped — ${electron.reason}.`);
  // Playwright's config looks for Chromium again: hand it the one found (or just installed).
  record('end-to-end', await runPlaywright([], path.join(results, 'e2e.json'), { CHROMIUM_PATH: chromium.path }));
}

console.log('\n── summary');
for (const line of lines) console.log(line);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);

/**
 * `npm run test:stress`: runs the vitest and Playwright suites several times in a row while
 * busy loops keep every core occupied, to show that no test races the wall clock. A test
 * that passes only on an idle machine fails here.
 *
 *   --runs N       how many times (default 5)
 *   --load N       busy processes (default 2: one per core of this project's machines)
 *   --vitest FILE  only these vitest files (repeatable); naming only vitest files skips Playwright
 *   --e2e FILE     only these Playwright specs (repeatable); naming only specs skips vitest
 *
 * Prints each run's tallies and the tests that failed, then one line: `N passed, N failed, N skipped`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, buildIsStale, useBuiltThreads } from './lib/build.ts';
import { setUpChromium } from './lib/chromium-setup.ts';
import { root } from './lib/run.ts';
import { runPlaywright, runVitest, type Tally } from './lib/test-runs.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    load: { type: 'string', default: '2' },
    vitest: { type: 'string', multiple: true, default: [] },
    e2e: { type: 'string', multiple: true, default: [] },
  },
});
const runs = Number(values.runs);
const loadCount = Number(values.load);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(loadCount) || loadCount < 0) {
  console.error('--runs must be a whole number from 1, and --load a whole number from 0.');
  process.exit(2);
}
const filtered = values.vitest.length > 0 || values.e2e.length > 0;
const withVitest = !filtered || values.vitest.length > 0;
const withE2e = !filtered || values.e2e.length > 0;

const results = path.join(root, 'test-results', 'stress');
mkdirSync(results, { recursive: true });

let chromiumEnv: NodeJS.ProcessEnv = {};
if (withE2e) {
  const chromium = await setUpChromium();
  if (chromium.path === undefined) {
    console.error(chromium.problem);
    process.exit(1);
  }
  chromiumEnv = { CHROMIUM_PATH: chromium.path };
}
// the end-to-end runs need the build, and the unit runs start the library's threads from it too
if (buildIsStale()) await build();
useBuiltThreads();

// Each busy loop also leaves when this script is gone (its parent changes), so a killed
// stress run never leaves a core spinning behind it.
const busyLoop = 'const parent = process.ppid; for (let i = 0; ; i++) if ((i & 0xfffff) === 0 && process.ppid !== parent) process.exit(0);';
const load: ChildProcess[] = [];
function stopLoad(): void {
  for (const child of load.splice(0)) child.kill('SIGKILL');
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopLoad();
    process.exit(130);
  });
}
for (let i = 0; i < loadCount; i++) load.push(spawn(process.execPath, ['-e', busyLoop], { stdio: 'ignore' }));
console.log(`Load: ${loadCount} busy process${loadCount === 1 ? '' : 'es'} (pids ${load.map((child) => child.pid).join(', ') || 'none'}).`);

const total = { passed: 0, failed: 0, skipped: 0 };
const report: string[] = [];
let runsWithFailures = 0;

function tallyLine(name: string, tally: Tally, seconds: number): string {
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
  return `${name}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped (${seconds.toFixed(0)} s)`;
}

async function timed(job: () => Promise<Tally>): Promise<[Tally, number]> {
  const started = performance.now();
  const tally = await job();
  return [tally, (performance.now() - started) / 1000];
}

try {
  for (let n = 1; n <= runs; n++) {
    console.log(`\n── run ${n} of ${runs}`);
    const parts: string[] = [];
    const failures: string[] = [];
    if (withVitest) {
      const [tally, seconds] = await timed(() => runVitest(['--reporter=dot', ...values.vitest], path.join(results, `vitest-${n}.json`)));
      parts.push(tallyLine('vitest', tally, seconds));
      failures.push(...tally.failures);
    }
    if (withE2e) {
      const json = path.join(results, `e2e-${n}.json`);
      const [tally, seconds] = await timed(() => runPlaywright(['--reporter=dot,json', ...values.e2e], json, chromiumEnv));
      parts.push(tallyLine('end-to-end', tally, seconds));
      failures.push(...tally.failures);
    }
    if (failures.length > 0) runsWithFailures += 1;
    report.push(`run ${n}: ${parts.join(' · ')}`, ...failures.map((name) => `    failed: ${name}`));
  }
} finally {
  stopLoad();
  console.log('\nLoad stopped.');
}

console.log('\n── stress summary');
for (const line of report) console.log(line);
console.log(`${runs} run${runs === 1 ? '' : 's'} under ${loadCount} busy process${loadCount === 1 ? '' : 'es'}: ${runsWithFailures} with a failure.`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);

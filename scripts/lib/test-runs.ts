/**
 * One run of each test runner, read back as a tally: shared by `npm test` and
 * `npm run test:stress`, so both count passed, failed and skipped tests the same way.
 * A runner that fails without reporting a failed test (it crashed, or could not start)
 * counts as one failure of its own.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { run } from './run.ts';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  /** Names of the failed tests (or of the step that failed), for the reader. */
  failures: string[];
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: Array<{ name: string; assertionResults: Array<{ status: string; fullName: string }> }>;
}

/** Runs vitest with `args` (reporters, file filters), its JSON report written to `jsonFile`. */
export async function runVitest(args: readonly string[], jsonFile: string): Promise<Tally> {
  rmSync(jsonFile, { force: true });
  const code = await run('vitest', ['run', ...args, '--reporter=json', `--outputFile.json=${jsonFile}`]);
  const report = readJson<VitestReport>(jsonFile);
  if (!report) return { passed: 0, failed: 1, skipped: 0, failures: [`vitest ended with code ${code} and no report`] };
  const failures = report.testResults.flatMap((file) => file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName));
  const tally = { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests, failures };
  // A file that fails to load, or an error outside any test, fails the run without failing a test.
  if (code !== 0 && report.numFailedTests === 0) return { ...tally, failed: tally.failed + 1, failures: [...failures, `vitest ended with code ${code}`] };
  return tally;
}

interface PlaywrightSuite {
  title: string;
  specs: Array<{ title: string; tests: Array<{ status: string; projectName: string }> }>;
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PlaywrightSuite[];
}

function unexpected(suite: PlaywrightSuite, path: string[] = []): string[] {
  const here = [...path, suite.title].filter((part) => part !== '');
  return [
    ...suite.specs.flatMap((spec) => spec.tests.filter((test) => test.status === 'unexpected').map((test) => `[${test.projectName}] ${[...here, spec.title].join(' › ')}`)),
    ...(suite.suites ?? []).flatMap((child) => unexpected(child, here)),
  ];
}

/**
 * Runs Playwright with `args`; its JSON report goes to `jsonFile` (the config's own reporters
 * are kept unless `args` names others). `env` reaches the config (e.g. CHROMIUM_PATH).
 */
export async function runPlaywright(args: readonly string[], jsonFile: string, env: NodeJS.ProcessEnv = {}): Promise<Tally> {
  rmSync(jsonFile, { force: true });
  const code = await run('playwright', ['test', ...args], { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: jsonFile });
  const report = readJson<PlaywrightReport>(jsonFile);
  if (!report) return { passed: 0, failed: 1, skipped: 0, failures: [`playwright ended with code ${code} and no report`] };
  const { expected, unexpected: failed, flaky, skipped } = report.stats;
  const tally = { passed: expected + flaky, failed, skipped, failures: report.suites.flatMap((suite) => unexpected(suite)) };
  if (code !== 0 && failed === 0) return { ...tally, failed: 1, failures: [`playwright ended with code ${code}`] };
  return tally;
}

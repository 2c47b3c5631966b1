import { afterEach, beforeEach, expect } from 'vitest';

/**
 * Fails the test in which anything threw uncaught. The host under test runs in the test's process:
 * an error vitest would only report at the end of the run is, in the real host, the end of the process.
 */
export function failOnUncaughtErrors(): void {
  const seen: unknown[] = [];
  const record = (error: unknown) => seen.push(error);
  beforeEach(() => {
    seen.length = 0;
    process.on('uncaughtExceptionMonitor', record);
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('uncaughtExceptionMonitor', record);
    process.off('unhandledRejection', record);
    expect(seen.map(String), 'thrown uncaught (this would stop the real process)').toEqual([]);
  });
}

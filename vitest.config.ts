import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/renderer/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Only a guard against a test that hangs: no test races it (waits have no timers of their own,
    // tests/support/stuck-wait.ts), and at a load of 20 on two cores a 10 s test takes minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // expect.poll gives up after 1 s by default: as long as any other wait instead.
    expect: { poll: { timeout: 280_000, interval: 10 } },
    // Two cores: integration tests start servers and SQLite files; keep the pool small.
    maxWorkers: 2,
  },
});

/**
 * A core in its own process, for the crash tests: reads `create <prompt>` and `import <folder>`
 * lines on stdin, writes every generation:updated event as a JSON line on stdout (and each
 * import:progress as `{"importProgress": …}`), and is killed with
 * SIGKILL by the test — no chance to tidy up, as in a real crash or power cut.
 */
import { createInterface } from 'node:readline';
import { startCore } from '../../electron/core/app.ts';

const core = await startCore({
  dataDir: process.env.ATELIER_DATA_DIR ?? '',
  version: '0.0.0-crash',
  shell: 'preview',
  apiBaseUrl: process.env.ATELIER_API_BASE_URL,
  apiKey: process.env.ATELIER_API_KEY,
  timing: { baseMs: 60 },
});
core.subscribe((event, payload) => {
  if (event === 'generation:updated') process.stdout.write(`${JSON.stringify(payload)}\n`);
  if (event === 'import:progress') process.stdout.write(`${JSON.stringify({ importProgress: payload })}\n`);
});
await core.dispatch('settings:update', { concurrency: 3 });
for await (const line of createInterface({ input: process.stdin })) {
  if (line.startsWith('import ')) {
    void core.dispatch('import:start', { folder: line.slice('import '.length) });
    continue;
  }
  const prompt = line.replace(/^create /, '');
  const result = await core.dispatch('generation:create', { params: { model: 'midjourney-v7', prompt } });
  if (!result.ok) process.stderr.write(`create failed: ${result.error.message}\n`);
}

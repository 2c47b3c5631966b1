/** What a scenario does as the artist, through the page's `window.atelier`. */
import type { Generation } from '../../../shared/generation.ts';
import type { LaunchedApp } from './launch.ts';

/** Queues a generation of `prompt` (default model and settings); resolves with it as saved. */
export function generate(app: LaunchedApp, prompt: string): Promise<Generation> {
  return app.ask<Generation>('generation:create', { params: { model: 'midjourney-v7', prompt } });
}

/** Waits for the push that says generation `id` is done (the Sandbox takes a few seconds). */
export function finished(app: LaunchedApp, id: number, since = 0): Promise<Generation> {
  return app.waitForPush<Generation>('generation:updated', (generation) => generation.id === id && ['done', 'failed', 'unknown'].includes(generation.status), 90_000, since);
}


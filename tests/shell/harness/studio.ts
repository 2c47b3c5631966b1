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

/** The Sandbox's own control address (loopback) of a running app, from app:info. */
export async function sandboxOrigin(app: LaunchedApp): Promise<string> {
  const info = await app.ask<{ provider: { kind: string; baseUrl: string } }>('app:info');
  if (info.provider.kind !== 'sandbox') throw new Error(`expected the Sandbox, the app uses ${info.provider.kind}`);
  return new URL(info.provider.baseUrl).origin;
}

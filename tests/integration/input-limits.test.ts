import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { API_KEY_MAX_LENGTH, NEGATIVE_PROMPT_MAX_LENGTH, PROMPT_MAX_LENGTH, SEARCH_TEXT_MAX_LENGTH, URL_MAX_LENGTH } from '../../shared/input-limits.ts';
import { call, startTestCore } from '../support/test-core.ts';
import { tempDir } from '../support/temp-dir.ts';

const longUrl = (length: number) => `https://images.example/${'a'.repeat(length - 'https://images.example/'.length)}`;

describe('every text the core takes is bounded, and too much is refused in words', () => {
  const dir = tempDir();
  let core: Core;
  beforeAll(async () => {
    core = await startTestCore(dir.path);
  });
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  const params = (extra: Record<string, unknown>) => ({ params: { model: 'midjourney-v7', prompt: 'a fox', ...extra } });

  it.each([
    ['a prompt', 'generation:create', params({ prompt: 'a'.repeat(PROMPT_MAX_LENGTH + 1) }), /prompt is too long: at most 6000 characters/],
    ['a negative prompt', 'generation:create', params({ negativePrompt: 'a'.repeat(NEGATIVE_PROMPT_MAX_LENGTH + 1) }), /negative prompt is too long/],
    ['a reference image address', 'generation:create', params({ referenceImageUrl: longUrl(URL_MAX_LENGTH + 1) }), /reference image address is too long/],
    ['a search', 'library:search', { text: 'a'.repeat(SEARCH_TEXT_MAX_LENGTH + 1) }, /search is too long/],
    ['a count of a search', 'library:count', { text: 'a'.repeat(SEARCH_TEXT_MAX_LENGTH + 1) }, /search is too long/],
    ['an API key', 'settings:update', { apiKey: 'k'.repeat(API_KEY_MAX_LENGTH + 1) }, /API key: it is too long/],
    ['an API address', 'settings:update', { apiBaseUrl: longUrl(URL_MAX_LENGTH + 1) }, /API address is too long/],
  ])('%s over its cap is invalid_input with a clear message, and nothing changes', async (_what, channel, input, words) => {
    const result = await core.dispatch(channel, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(words) } });
    expect(await call(core, 'settings:get')).toMatchObject({ hasApiKey: false, apiBaseUrl: expect.not.stringContaining('images.example') });
    expect(await call(core, 'queue:get')).toMatchObject({ items: [] });
  });

  it('takes each text at exactly its cap', async () => {
    expect((await core.dispatch('library:search', { text: 'a'.repeat(SEARCH_TEXT_MAX_LENGTH) })).ok).toBe(true);
    const created = await core.dispatch('generation:create', params({ prompt: 'a'.repeat(PROMPT_MAX_LENGTH), negativePrompt: 'b'.repeat(NEGATIVE_PROMPT_MAX_LENGTH), referenceImageUrl: longUrl(URL_MAX_LENGTH) }));
    expect(created.ok).toBe(true);
  });
});

import { generation } from './fake-atelier.ts';
import { describe, expect, it } from 'vitest';
import { draftFromGeneration, emptyDraft, looseParams } from '../../renderer/src/lib/draft.ts';
import { validateDraft } from '../../renderer/src/lib/draft-check.ts';

describe('the generate form as typed', () => {
  it('becomes params through the shared schema, numbers read from their text', () => {
    const { params, errors } = validateDraft({ ...emptyDraft, prompt: 'a lighthouse', stylize: '250', seed: '42', aspectRatio: '16:9' });
    expect(errors).toEqual({});
    expect(params).toMatchObject({ model: 'midjourney-v7', prompt: 'a lighthouse', stylize: 250, seed: 42, aspectRatio: '16:9' });
  });

  it('names the field at fault in words, one message a field', () => {
    const { params, errors } = validateDraft({ ...emptyDraft, prompt: 'a lighthouse', chaos: '12a', stylize: '5000' });
    expect(params).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['chaos', 'stylize']);
    expect(errors.chaos).toMatch(/\w/);
    expect(validateDraft(emptyDraft).errors.prompt).toMatch(/\w/);
  });

  it('a finished generation as a draft keeps the seed it really used, so a rerun repeats it', () => {
    const draft = draftFromGeneration(generation(7, { params: { model: 'midjourney-v8', prompt: 'fog', chaos: 20 } }));
    expect(draft).toMatchObject({ prompt: 'fog', model: 'midjourney-v8', chaos: '20', stylize: '', seed: '7', aspectRatio: null });
  });

  it('loose params take the whole numbers typed and leave out the rest', () => {
    expect(looseParams({ ...emptyDraft, prompt: 'x', stylize: '100', chaos: '1.5', seed: 'abc', negativePrompt: '  ' })).toMatchObject({
      stylize: 100, chaos: undefined, seed: undefined, negativePrompt: undefined,
    });
  });
});

describe('a draft made from a generation', () => {
  it('"Stop linking to the original" keeps what was loaded but starts no lineage', async () => {
    // the store's imports reach compare's, which listens for full screen on the document: a listener that never fires here
    Object.assign(globalThis, { document: { addEventListener() {} } });
    const { useDraftStore } = await import('../../renderer/src/stores/draft-store.ts');
    await useDraftStore.getState().editFrom(generation(7));
    expect(useDraftStore.getState().parentId).toBe(7);
    const loaded = useDraftStore.getState().fields;
    useDraftStore.getState().unlinkParent();
    expect(useDraftStore.getState().parentId).toBeNull();
    expect(useDraftStore.getState().fields).toBe(loaded);
    expect(loaded.prompt).toBe('prompt 7');
  });
});

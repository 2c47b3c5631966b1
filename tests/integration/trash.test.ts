import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../electron/core/events.ts';
import { openLibrary } from '../../electron/core/library/database.ts';
import { emptyTrash } from '../../electron/core/trash.ts';
import type { Generation } from '../../shared/generation.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

describe('delete, undo and the trash', () => {
  it('keeps files through delete and undo, and removes them only when the trash is emptied', async () => {
    const dir = tempDir();
    const core = await startTestCore(dir.path);
    const events = recordEvents(core);
    const made = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v8', prompt: 'paper boats' } });
    const done = await events.reach(made.id, 'done');
    const files = done.images.flatMap((image) => [image.file!, image.thumbnail!]).map((file) => path.join(dir.path, file));
    expect(files.every((file) => existsSync(file))).toBe(true);

    expect(await call(core, 'library:delete', { ids: [made.id] })).toEqual({ ids: [made.id] });
    expect((await call<{ items: Generation[] }>(core, 'library:search', { text: 'boats' })).items).toHaveLength(0);
    expect(files.every((file) => existsSync(file))).toBe(true);
    await call(core, 'library:restore', { ids: [made.id] });
    expect((await call<{ items: Generation[] }>(core, 'library:search', { text: 'boats' })).items.map((g) => g.id)).toEqual([made.id]);

    await call(core, 'library:delete', { ids: [made.id] });
    await core.close();
    const db = openLibrary(dir.path);
    const hub = new EventHub();
    // Everything in the trash, whenever it was binned: no comparison with the wall clock.
    expect(emptyTrash(db, dir.path, hub, Number.MAX_SAFE_INTEGER)).toBe(1);
    db.close();
    expect(files.some((file) => existsSync(file))).toBe(false);
    dir.remove();
  });
});

/**
 * One generation end to end over the stand-in IPC, with the window in the background: the four
 * images land in the library, a notification says so and brings the window back, and the
 * desktop actions (copy, drag, show in folder) act on the saved files.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Generation } from '../../../shared/generation.ts';
import type { SearchCount, SearchPage } from '../../../shared/search.ts';
import type { Scenario } from '../harness/runner.ts';
import { finished, generate } from '../harness/studio.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const generation: Scenario = {
  id: 'generation',
  name: 'a generation, notification, copy and drag',
  async run(t) {
    const app = t.launch();
    const prompt = 'a paper boat on a still lake';
    let done: Generation | undefined;
    const fileOf = (index: number) => path.join(t.dataDir, done?.images.find((image) => image.index === index)?.file ?? 'missing');

    await t.check('with the window in the background, a generation runs through the Sandbox into the library', async () => {
      await app.loaded();
      await app.call('window', 'blur');
      const started = performance.now();
      const queued = await generate(app, prompt);
      done = await finished(app, queued.id);
      assert.equal(done.status, 'done', done.errorMessage ?? '');
      assert.equal(done.images.length, 4);
      for (const image of done.images) assert.ok(image.file && existsSync(path.join(t.dataDir, image.file)), `image ${image.index} saved`);
      t.note(`a Sandbox generation took ${Math.round(performance.now() - started)} ms from request to the done push`);
      const served = await app.call<{ status: number; type: string }>('fetch', `atelier-media://library/${done.images[0]?.file ?? ''}`);
      assert.deepEqual([served.status, served.type], [200, 'image/png']);
    });

    await t.check("the built app's library threads answer: a word search finds the generation and counts it", async () => {
      // words, so neither answer comes from the running totals on the core: both run on the bundle's threads
      const page = await app.ask<SearchPage>('library:search', { text: 'paper boat' });
      assert.deepEqual(page.items.map((g) => g.id), [done?.id]);
      const count = await app.ask<SearchCount>('library:count', { text: 'paper boat' });
      assert.equal(count.total, 1);
    });

    await t.check('a notification tells of it, and clicking it brings the window back', async () => {
      const note = await app.waitFor('a notification', (candidate) => candidate.type === 'notification', 10_000);
      assert.deepEqual([note.title, note.body], ['Your images are ready', prompt]);
      assert.equal((await app.snapshot()).windows[0]?.focused, false);
      assert.equal(await app.call('clickNotification', 0), 'clicked');
      assert.equal((await app.snapshot()).windows[0]?.focused, true);
    });

    await t.check('a notification still brings the window back after garbage collection', async () => {
      await app.call('window', 'blur');
      assert.equal(await app.call('clickNotification', 0, true), 'clicked', 'the app let go of the notification, so its click handler is gone');
      assert.equal((await app.snapshot()).windows[0]?.focused, true);
    });

    await t.check('once the artist dismisses it, the notification is let go', async () => {
      await app.call('dismissNotification', 0);
      assert.equal(await app.call('clickNotification', 0, true), 'collected', 'a dismissed notification is still held');
    });

    await t.check('copy puts the saved PNG on the clipboard as image/png', async () => {
      await app.ask('image:copy', { generationId: done?.id, index: 0 });
      const [entry, ...rest] = (await app.snapshot()).clipboard;
      assert.deepEqual(rest, []);
      assert.equal(entry?.type, 'image/png');
      const bytes = Buffer.from(entry?.bytes ?? []);
      assert.deepEqual(bytes.subarray(0, 8), PNG_SIGNATURE);
      assert.deepEqual(bytes, readFileSync(fileOf(0)));
    });

    await t.check('an image shown large gets its drag icon from its thumbnail; the drag starts inside the request', async () => {
      // The detail view shows image 1 by fetching it: that is when its icon is made, in the background.
      const since = app.notes.length;
      const served = await app.call<{ status: number }>('fetch', `atelier-media://library/${done?.images.find((image) => image.index === 1)?.file ?? ''}`);
      assert.equal(served.status, 200);
      await app.waitFor('the drag icon', (note) => note.type === 'native-image' && (note.size as { width: number }).width === 96, 10_000, since);
      await app.ask('image:drag', { generationId: done?.id, index: 1 });
      const [drag] = (await app.snapshot()).drags;
      assert.equal(drag?.file, fileOf(1));
      assert.equal(drag?.iconSize.width, 96);
      assert.equal(drag?.duringRequest, true, 'startDrag ran after an await');
    });

    await t.check('a drag before its icon is ready still starts at once, with a plain tile', async () => {
      await app.ask('image:drag', { generationId: done?.id, index: 3 });
      const drag = (await app.snapshot()).drags[1];
      assert.equal(drag?.file, fileOf(3));
      assert.deepEqual(drag?.iconSize, { width: 48, height: 48 });
      assert.equal(drag?.duringRequest, true);
    });

    await t.check('show in folder names the saved file', async () => {
      await app.ask('image:showInFolder', { generationId: done?.id, index: 2 });
      assert.deepEqual((await app.snapshot()).opened.at(-1), { how: 'showItemInFolder', target: fileOf(2) });
    });

    await t.check('an image the library does not have is refused in words', async () => {
      const answer = await app.invoke('image:copy', { generationId: 999_999, index: 0 });
      assert.deepEqual(answer.ok ? 'ok' : [answer.error.code, answer.error.message], ['not_found', 'This generation is no longer in the library.']);
    });

    await t.check('Export… and Import… pick their paths in native dialogs attached to the window; Cancel picks nothing', async () => {
      const zip = path.join(t.dataDir, '..', 'boats.zip');
      await app.call('answerSaveDialogs', [zip, null]);
      await app.call('answerOpenDialogs', [[path.join(t.dataDir, '..', 'downloads')]]);
      assert.deepEqual(await app.ask('dialog:pickPath', { purpose: 'export-zip' }), { path: zip });
      assert.deepEqual(await app.ask('dialog:pickPath', { purpose: 'export-zip' }), { path: null });
      assert.deepEqual(await app.ask('dialog:pickPath', { purpose: 'import-folder' }), { path: path.join(t.dataDir, '..', 'downloads') });
      const snapshot = await app.snapshot();
      const [save] = snapshot.saveDialogs;
      assert.equal(save?.attached, true);
      assert.match(String(save?.options.defaultPath), /^Atelier export \d{4}-\d\d-\d\d\.zip$/);
      assert.deepEqual(save?.options.filters, [{ name: 'ZIP archive', extensions: ['zip'] }]);
      const open = snapshot.openDialogs.at(-1);
      assert.equal(open?.attached, true);
      assert.deepEqual(open?.options.properties, ['openDirectory']);
    });

    await t.check('quit with nothing on its way exits cleanly', async () => {
      await app.call('app', 'quit');
      assert.deepEqual(await app.waitForExit(), { code: 0, signal: null });
    });
  },
};

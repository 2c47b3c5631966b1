import { describe, expect, it } from 'vitest';
import { createTaskStore, type DrawImage } from '../../electron/core/sandbox/tasks.ts';

/** A drawing that waits to be let go, and counts how many are drawn at once. */
function watchedDrawing() {
  const waiting: { index: number; finish(fail?: boolean): void }[] = [];
  const watch = { atOnce: 0, most: 0, waiting };
  const draw: DrawImage = (_effective, index) =>
    new Promise<Buffer>((resolve, reject) => {
      watch.atOnce++;
      watch.most = Math.max(watch.most, watch.atOnce);
      waiting.push({
        index,
        finish(fail = false) {
          watch.atOnce--;
          if (fail) reject(new Error(`image ${index} could not be drawn`));
          else resolve(Buffer.from(`image ${index}`));
        },
      });
    });
  return { draw, watch };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Sandbox drawing', () => {
  it("draws a run's four images one at a time, in the order asked, and a failed one does not stop the next", async () => {
    const { draw, watch } = watchedDrawing();
    const store = createTaskStore({ waitingMs: 0, generatingMs: 0, now: () => 0 }, draw);
    const task = store.create({ model: 'midjourney-v7', prompt: 'amber dunes' }, 3, null);
    const images = [0, 1, 2, 3].map((index) => store.image(task, index));
    const outcomes = images.map((image) => image.then((bytes) => bytes.toString(), (error: Error) => error.message));
    for (const [turn, fail] of [[0, false], [1, true], [2, false], [3, false]] as const) {
      await settle();
      expect(watch.waiting.map((drawn) => drawn.index)).toEqual([turn]);
      watch.waiting.shift()!.finish(fail);
    }
    expect(await Promise.all(outcomes)).toEqual(['image 0', 'image 1 could not be drawn', 'image 2', 'image 3']);
    expect(watch.most).toBe(1);
    // asked again, a drawn image is not drawn twice
    expect((await store.image(task, 2)).toString()).toBe('image 2');
    expect(watch.waiting).toEqual([]);
  });
});

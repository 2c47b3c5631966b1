/**
 * The Sandbox's tasks: each moves waiting → generating → success (or fail) purely as a
 * function of time since it was created, so the clock hook fully controls progress.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { EffectiveParams, GenerationParams } from '../../../shared/generation.ts';
import { CREDITS_PER_RUN, SEED_MAX } from '../../../shared/generation.ts';
import { resolveEffectiveParams } from '../../../shared/effective-params.ts';
import { imageSizes, renderImage } from './render.ts';

const RENDERED_IMAGES_KEPT = 64;

export type SandboxTaskStatus = 'waiting' | 'generating' | 'success' | 'fail';

export interface SandboxTask {
  taskId: string;
  params: GenerationParams;
  /** What the images are drawn from: prompt flags applied, as the real server does. */
  effective: EffectiveParams;
  createdAt: number;
  failWith: { code: string; message: string } | null;
}

export interface TaskTiming {
  waitingMs: number;
  generatingMs: number;
  now: () => number;
}

export interface TaskStore {
  create(params: GenerationParams, seed: number | undefined, failWith: SandboxTask['failWith']): SandboxTask;
  get(taskId: string): SandboxTask | undefined;
  status(task: SandboxTask): SandboxTaskStatus;
  /** Tasks counting against the concurrency limit: not yet success or fail. */
  running(): number;
  /** The documented recordInfo body; `filesUrl` is where this server serves images. */
  recordInfo(task: SandboxTask, filesUrl: string): Record<string, unknown>;
  /** PNG bytes of one image, rendered on first request (one at a time) and kept while recently used. */
  image(task: SandboxTask, index: number): Promise<Buffer>;
}

/** Draws one image of a task as PNG bytes (`renderImage`; a test passes its own to watch the drawing). */
export type DrawImage = (effective: EffectiveParams, index: number) => Promise<Buffer>;

/** An empty task store with the given timing. */
export function createTaskStore(timing: TaskTiming, draw: DrawImage = renderImage): TaskStore {
  const tasks = new Map<string, SandboxTask>();
  // Only unfinished tasks are scanned for the concurrency limit, so a long benchmark stays fast.
  const active = new Set<SandboxTask>();
  // Rendered images, most recently used last. Bounded: a benchmark of thousands of tasks must not
  // hold gigabytes, and an evicted image renders again byte for byte.
  const rendered = new Map<string, Promise<Buffer>>();
  // One picture drawn at a time. The Sandbox stands in for a server far away, whose drawing costs
  // the artist's machine nothing; a run's four drawn at once (~70 ms of CPU each) took both cores
  // of a 2-core machine just as the run before landed, and its tile was painted up to 180 ms after
  // its images came (bench:ui's feed, target 100).
  let drawing: Promise<unknown> = Promise.resolve();
  const inTurn = (task: SandboxTask, index: number): Promise<Buffer> => {
    const next = drawing.then(() => draw(task.effective, index));
    drawing = next.catch(() => undefined);
    return next;
  };
  const status = (task: SandboxTask): SandboxTaskStatus => {
    const age = timing.now() - task.createdAt;
    if (age < timing.waitingMs) return 'waiting';
    if (age < timing.waitingMs + timing.generatingMs) return 'generating';
    return task.failWith ? 'fail' : 'success';
  };

  return {
    create(params, seed, failWith) {
      // Like Kinovi, pick a seed when none is given; the flags may still override it.
      const { effective } = resolveEffectiveParams(params, seed ?? randomInt(0, SEED_MAX));
      const task: SandboxTask = {
        taskId: `task_${randomBytes(12).toString('hex')}`,
        params,
        effective,
        createdAt: timing.now(),
        failWith,
      };
      tasks.set(task.taskId, task);
      active.add(task);
      return task;
    },
    get: (taskId) => tasks.get(taskId),
    status,
    running() {
      for (const task of active) {
        const state = status(task);
        if (state === 'success' || state === 'fail') active.delete(task);
      }
      return active.size;
    },
    recordInfo(task, filesUrl) {
      const state = status(task);
      const size = imageSizes[task.effective.aspectRatio];
      const terminal = state === 'success' || state === 'fail';
      return {
        taskId: task.taskId,
        model: task.effective.model,
        status: state,
        creditsUsed: CREDITS_PER_RUN,
        output:
          state === 'success'
            ? [0, 1, 2, 3].map((i) => ({ url: `${filesUrl}/${task.taskId}-${i}.png`, width: size.width, height: size.height, mediaType: 'image/png' }))
            : null,
        error: state === 'fail' ? task.failWith : null,
        createTime: task.createdAt,
        completeTime: terminal ? task.createdAt + timing.waitingMs + timing.generatingMs : null,
      };
    },
    image(task, index) {
      const key = `${task.taskId}-${index}`;
      const bytes = rendered.get(key) ?? inTurn(task, index);
      rendered.delete(key);
      rendered.set(key, bytes);
      bytes.catch(() => rendered.delete(key));
      for (const oldest of rendered.keys()) {
        if (rendered.size <= RENDERED_IMAGES_KEPT) break;
        rendered.delete(oldest);
      }
      return bytes;
    },
  };
}

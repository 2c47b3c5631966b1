/**
 * The Sandbox's tasks: each moves waiting → generating → success (or fail) purely as a
 * function of time since it was created, so the clock hook fully controls progress.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { EffectiveParams, GenerationParams } from '../../../shared/generation.ts';
import { CREDITS_PER_RUN, SEED_MAX } from '../../../shared/generation.ts';
import { resolveEffectiveParams } from '../../../shared/params.ts';
import { imageSizes, renderImage } from './render.ts';

export type SandboxTaskStatus = 'waiting' | 'generating' | 'success' | 'fail';

export interface SandboxTask {
  taskId: string;
  params: GenerationParams;
  /** What the images are drawn from: prompt flags applied, as the real server does. */
  effective: EffectiveParams;
  createdAt: number;
  failWith: { code: string; message: string } | null;
  images: Map<number, Promise<Buffer>>;
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
  /** PNG bytes of one image, rendered on first request and kept. */
  image(task: SandboxTask, index: number): Promise<Buffer>;
}

/** An empty task store with the given timing. */
export function createTaskStore(timing: TaskTiming): TaskStore {
  const tasks = new Map<string, SandboxTask>();
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
        images: new Map(),
      };
      tasks.set(task.taskId, task);
      return task;
    },
    get: (taskId) => tasks.get(taskId),
    status,
    running: () => [...tasks.values()].filter((task) => {
      const state = status(task);
      return state === 'waiting' || state === 'generating';
    }).length,
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
      let bytes = task.images.get(index);
      if (!bytes) {
        bytes = renderImage(task.effective, index);
        task.images.set(index, bytes);
      }
      return bytes;
    },
  };
}

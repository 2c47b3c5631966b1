/**
 * `ipcMain`: one handler per channel (a second one throws, as in Electron). Invokes from a renderer
 * arrive as separate tasks, with their arguments and answers structured-cloned.
 */
import { EventEmitter } from 'node:events';
import { strict } from './strict.ts';
import type { World } from './world.ts';

export interface InvokeEvent {
  sender: object;
  senderFrame: object | null;
  processId: number;
  frameId: number;
}

type Handler = (event: InvokeEvent, ...args: unknown[]) => unknown;

export class StandinIpcMain extends EventEmitter {
  private readonly _handlers = new Map<string, Handler>();
  private readonly _world: World;
  constructor(world: World) {
    super();
    this._world = world;
  }
  /** The channels with a handler (for the harness). */
  get handlers(): ReadonlyMap<string, Handler> {
    return this._handlers;
  }
  handle(channel: string, handler: Handler): void {
    if (this._handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    if (typeof handler !== 'function') throw new TypeError(`Expected handler to be a function, but found type '${typeof handler}'`);
    this._handlers.set(channel, handler);
    this._world.record(`ipcMain.handle ${channel}`);
  }
  removeHandler(channel: string): void {
    this._handlers.delete(channel);
    this._world.record(`ipcMain.removeHandler ${channel}`);
  }

  /**
   * A renderer's `ipcRenderer.invoke`, delivered as Electron does: a later task, cloned both ways.
   * `inRequest` is true while the handler's synchronous part runs (what may still act on the gesture).
   */
  invoke(event: InvokeEvent, channel: string, args: unknown[], inRequest: { current: boolean }): Promise<unknown> {
    const cloned = structuredClone(args);
    return new Promise((resolve, reject) => {
      setImmediate(() => {
        const handler = this._handlers.get(channel);
        if (!handler) {
          reject(new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`));
          return;
        }
        const failed = (error: unknown) => reject(new Error(`Error invoking remote method '${channel}': ${String(error)}`));
        let answer: unknown;
        inRequest.current = true;
        try {
          answer = handler(event, ...cloned);
        } catch (error) {
          failed(error);
          return;
        } finally {
          inRequest.current = false;
        }
        Promise.resolve(answer).then((result) => resolve(structuredClone(result)), failed);
      });
    });
  }
}

export function createIpcMain(world: World): { ipcMain: StandinIpcMain; exported: object } {
  const ipcMain = new StandinIpcMain(world);
  return { ipcMain, exported: strict(ipcMain, 'ipcMain', ['handlers', 'invoke']) };
}

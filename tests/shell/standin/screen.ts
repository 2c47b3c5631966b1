/** `screen`: the scenario's displays. Like Electron's, the module cannot be touched before ready. */
import { EventEmitter } from 'node:events';
import { NotModelled } from './strict.ts';
import type { DisplaySpec, Rect, World } from './world.ts';

const NOT_READY = "The 'screen' module can't be used before the app 'ready' event";

class StandinScreen extends EventEmitter {
  private readonly _displays: DisplaySpec[];
  constructor(displays: DisplaySpec[]) {
    super();
    this._displays = displays;
  }
  getPrimaryDisplay(): DisplaySpec {
    const primary = this._displays[0];
    if (!primary) throw new Error('The stand-in was given no display');
    return structuredClone(primary);
  }
  getAllDisplays(): DisplaySpec[] {
    return structuredClone(this._displays);
  }
  getDisplayMatching(rect: Rect): DisplaySpec {
    const overlap = (area: Rect) =>
      Math.max(0, Math.min(rect.x + rect.width, area.x + area.width) - Math.max(rect.x, area.x)) *
      Math.max(0, Math.min(rect.y + rect.height, area.y + area.height) - Math.max(rect.y, area.y));
    const best = [...this._displays].sort((a, b) => overlap(b.bounds) - overlap(a.bounds))[0];
    return structuredClone(best && overlap(best.bounds) > 0 ? best : this.getPrimaryDisplay());
  }
}

/** The `screen` export: throws on any use before ready, and on anything it does not model. */
export function createScreen(world: World): object {
  const screen = new StandinScreen(world.options.displays);
  return new Proxy(screen, {
    get(target, key, receiver) {
      if (!world.ready) throw new Error(NOT_READY);
      if (typeof key === 'symbol' || key in target) return Reflect.get(target, key, receiver) as unknown;
      throw new NotModelled(`screen.${key}`);
    },
  });
}

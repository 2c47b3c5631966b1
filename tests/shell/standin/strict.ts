/**
 * The stand-in models only what Atelier's shell uses. Anything else throws, naming what is missing,
 * so a new use of Electron's API fails the harness until the model grows with it.
 */

/** Where a new model goes, said in every "not modelled" error. */
const WHERE = 'tests/shell/standin/';

/** Thrown for any use of Electron the stand-in does not model. */
export class NotModelled extends Error {
  constructor(what: string) {
    super(`The stand-in Electron does not model ${what}: model it in ${WHERE} (with Electron's behaviour) if the shell needs it.`);
    this.name = 'NotModelled';
  }
}

// Keys that tooling probes on any object (await, util.inspect, JSON, structured clone) and that must read as absent.
const PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', '$$typeof', 'nodeType']);

/** The harness's way past a strict wrapper to the object itself (for its harness-only members). */
const RAW = Symbol('stand-in raw object');

/** The object behind a strict wrapper (or the value itself). */
export function raw<T>(value: T): T {
  return ((value as { [RAW]?: T } | null)?.[RAW] ?? value) as T;
}

/**
 * Wraps an object so reading a property it does not have throws instead of giving undefined.
 * `harnessOnly` names members the harness uses that are not Electron's: to the app they do not exist.
 * Symbols and common probes pass through.
 */
export function strict<T extends object>(target: T, label: string, harnessOnly: readonly string[] = []): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (key === RAW) return object;
      if (typeof key === 'symbol' || PROBES.has(key) || (key in object && !harnessOnly.includes(key))) return Reflect.get(object, key, receiver) as unknown;
      throw new NotModelled(`${label}.${key}`);
    },
  });
}

/** An export Electron has but the stand-in does not model: importing it works, any use throws. */
export function unmodelled(name: string): object {
  const fail = (): never => {
    throw new NotModelled(`electron.${name}`);
  };
  // A function target so that calling it and `new`-ing it are caught too.
  return new Proxy(function unmodelledExport() {}, {
    get: (_target, key) => (typeof key === 'symbol' || PROBES.has(key) ? undefined : fail()),
    set: fail,
    apply: fail,
    construct: fail,
    has: fail,
    ownKeys: fail,
  });
}

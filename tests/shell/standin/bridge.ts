/**
 * contextBridge's copying between two JavaScript worlds (vm contexts): functions become proxies that
 * copy their arguments in and their results out, promises are re-made on the other side, plain objects
 * and arrays are copied, errors keep only their message. Nothing crosses by reference.
 */
import vm from 'node:vm';

/** One JavaScript world: its constructors, and a way to make functions that belong to it. */
export interface Realm {
  global: Record<string, unknown>;
  Object: ObjectConstructor;
  Array: ArrayConstructor;
  Promise: PromiseConstructor;
  Error: ErrorConstructor;
  makeFunction(call: (args: unknown[]) => unknown): (...args: unknown[]) => unknown;
}

/** A fresh world whose global starts with `globals`. */
export function createRealm(globals: Record<string, unknown>): Realm {
  const context = vm.createContext({ ...globals });
  const parts = vm.runInContext('({ Object, Array, Promise, Error, makeFunction: (call) => function (...args) { return call(args); } })', context) as Omit<Realm, 'global'>;
  // The contextified object is the world's global as seen from outside: what is set on it, the world sees.
  return { ...parts, global: context as Record<string, unknown> };
}

/** Runs `source` in the realm's world, named `filename` in stack traces. */
export function runInRealm(realm: Realm, source: string, filename: string): unknown {
  return vm.runInContext(source, realm.global as vm.Context, { filename });
}

// Electron refuses deeper objects than this rather than recurse without end.
const MAX_DEPTH = 1000;

const tag = (value: object) => Object.prototype.toString.call(value);

/** Copies `value` from world `from` into world `to`, the way contextBridge does. */
export function bridge(value: unknown, from: Realm, to: Realm, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new to.Error('Object is too deep to be copied across the context bridge');
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (typeof value === 'function') {
    const original = value as (...args: unknown[]) => unknown;
    return to.makeFunction((args) => bridge(original(...args.map((arg) => bridge(arg, to, from, 0))), from, to, 0));
  }
  const object = value as Record<string, unknown>;
  if (typeof object.then === 'function') {
    const thenable = object as unknown as PromiseLike<unknown>;
    return new to.Promise((resolve, reject) => {
      thenable.then(
        (result) => resolve(bridge(result, from, to, 0)),
        (error: unknown) => reject(bridge(error, from, to, 0)),
      );
    });
  }
  if (tag(object) === '[object Error]') return new to.Error(String((object as { message?: unknown }).message ?? ''));
  if (Array.isArray(object)) return to.Array.from(object, (item) => bridge(item, from, to, depth + 1));
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer || tag(object) === '[object Date]') return structuredClone(object);
  const copy = new to.Object() as Record<string, unknown>;
  for (const key of Object.keys(object)) copy[key] = bridge(object[key], from, to, depth + 1);
  return copy;
}

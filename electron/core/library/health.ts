import type Database from 'better-sqlite3';
import { storageProblemOf } from '../storage-errors.ts';
import type { Library } from './database.ts';

/**
 * Damage found while the library is open. Every later write into a damaged file can spread the
 * damage or bury good pages under bad ones, so the first sign of it stops all writing; SQLite's
 * own `query_only` makes that hold for every statement, whoever runs it (handlers, queue, trash).
 */
export interface LibraryHealth {
  /** The library with every call watched for corruption; use it instead of the raw one. */
  readonly db: Library;
  /** Whether damage has been seen; from then on the library only answers reads. */
  readonly damaged: boolean;
  /** Reports damage found another way (the daily backup's page check), as if a statement had hit it. */
  reportDamage(cause: unknown): void;
}

/**
 * Watches `db` for SQLITE_CORRUPT / SQLITE_NOTADB from any call: on the first one the library stops
 * writing and `onDamage` runs once (to stop the queue and tell the artist). The error itself still
 * reaches the caller.
 */
export function watchLibraryHealth(raw: Library, onDamage: (cause: unknown) => void): LibraryHealth {
  let damaged = false;
  const reportDamage = (cause: unknown) => {
    if (damaged) return;
    damaged = true;
    try {
      raw.pragma('query_only = ON');
    } catch (error) {
      console.error('[atelier] could not stop writes into the damaged library:', error);
    }
    onDamage(cause);
  };
  const check = (error: unknown) => {
    if (storageProblemOf(error) === 'damaged') reportDamage(error);
  };

  const proxies = new WeakMap<object, object>();
  /** The same object, every method call watched; statements, transactions and iterators it hands out too. */
  function watched<T extends object>(target: T): T {
    const known = proxies.get(target);
    if (known) return known as T;
    const proxy = new Proxy(target, {
      get(object, property) {
        // better-sqlite3's native methods insist on their own object as `this`, never a proxy
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => watchResult(object, call(() => (value as (...a: unknown[]) => unknown).apply(object, args)));
      },
    });
    proxies.set(target, proxy);
    return proxy;
  }

  function call<R>(run: () => R): R {
    try {
      return run();
    } catch (error) {
      check(error);
      throw error;
    }
  }

  function watchResult(owner: object, result: unknown): unknown {
    if (result === owner) return watched(owner); // chained calls: stmt.pluck().get()
    if (typeof result === 'function') return watchFunction(result as (...a: unknown[]) => unknown); // db.transaction(fn)
    if (isStatement(result)) return watched(result);
    if (isIterator(result)) return watchIterator(result);
    if (result instanceof Promise) return result.catch((error: unknown) => (check(error), Promise.reject(error)));
    return result;
  }

  function watchFunction(run: (...a: unknown[]) => unknown): (...a: unknown[]) => unknown {
    return (...args: unknown[]) => call(() => run(...args));
  }

  function watchIterator(iterator: IterableIterator<unknown>): IterableIterator<unknown> {
    return {
      next: () => call(() => iterator.next()),
      return: (value?: unknown) => call(() => iterator.return?.(value) ?? { done: true, value }),
      [Symbol.iterator]() {
        return this;
      },
    };
  }

  return {
    db: watched(raw),
    get damaged() {
      return damaged;
    },
    reportDamage,
  };
}

function isStatement(value: unknown): value is Database.Statement {
  return typeof value === 'object' && value !== null && typeof (value as Database.Statement).run === 'function' && typeof (value as Database.Statement).all === 'function';
}

function isIterator(value: unknown): value is IterableIterator<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Iterator<unknown>).next === 'function' && Symbol.iterator in value;
}

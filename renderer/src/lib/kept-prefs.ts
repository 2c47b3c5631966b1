/**
 * Preferences kept in this browser profile between sessions: one JSON object under one
 * localStorage key. The one place that reads them back defensively (a value of the wrong type, an
 * unreadable entry, no storage at all: the defaults) and saves them without ever failing the action.
 */

/** Turns a saved value back into a preference; undefined takes the default. */
export type PrefReaders<T> = { [K in keyof T]: (saved: unknown) => T[K] | undefined };

/** Reads a boolean preference as saved (anything else: the default). */
export const savedBoolean = (saved: unknown): boolean | undefined => (typeof saved === 'boolean' ? saved : undefined);

export interface KeptPrefs<T> {
  load(): T;
  save(prefs: T): void;
}

export function keptPrefs<T extends Record<string, unknown>>(key: string, defaults: T, readers: PrefReaders<T>): KeptPrefs<T> {
  const names = Object.keys(defaults) as (keyof T & string)[];
  return {
    load() {
      try {
        const saved: unknown = JSON.parse(localStorage.getItem(key) ?? '{}');
        if (typeof saved !== 'object' || saved === null) return { ...defaults };
        const values = saved as Record<string, unknown>;
        const prefs = { ...defaults };
        for (const name of names) prefs[name] = readers[name](values[name]) ?? defaults[name];
        return prefs;
      } catch {
        // no storage (or unreadable): the defaults
        return { ...defaults };
      }
    },
    save(prefs) {
      // only the preferences, never the store's actions or other state it is given
      const kept = Object.fromEntries(names.map((name) => [name, prefs[name]]));
      try {
        localStorage.setItem(key, JSON.stringify(kept));
      } catch {
        // a preference that cannot be kept still holds for this session
      }
    },
  };
}

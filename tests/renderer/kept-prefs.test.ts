import { afterEach, describe, expect, it, vi } from 'vitest';
import { keptPrefs, savedBoolean } from '../../renderer/src/lib/kept-prefs.ts';

/** A browser profile's localStorage, as far as preferences use it. */
function storage(entries: Record<string, string> = {}) {
  const items = new Map(Object.entries(entries));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

const prefs = () => keptPrefs('atelier.test', { on: true, size: 300 }, { on: savedBoolean, size: (saved) => (typeof saved === 'number' ? saved : undefined) });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('preferences kept in the browser profile', () => {
  it('come back as saved', () => {
    vi.stubGlobal('localStorage', storage({ 'atelier.test': JSON.stringify({ on: false, size: 420 }) }));
    expect(prefs().load()).toEqual({ on: false, size: 420 });
  });

  it('take the default for a missing value or one of the wrong type, and ignore what is not theirs', () => {
    vi.stubGlobal('localStorage', storage({ 'atelier.test': JSON.stringify({ on: 'yes', other: 1 }) }));
    expect(prefs().load()).toEqual({ on: true, size: 300 });
  });

  it('are the defaults when nothing was saved, the entry is unreadable, or there is no storage', () => {
    vi.stubGlobal('localStorage', storage());
    expect(prefs().load()).toEqual({ on: true, size: 300 });
    vi.stubGlobal('localStorage', storage({ 'atelier.test': '{not json' }));
    expect(prefs().load()).toEqual({ on: true, size: 300 });
    vi.stubGlobal('localStorage', storage({ 'atelier.test': 'null' }));
    expect(prefs().load()).toEqual({ on: true, size: 300 });
    vi.stubGlobal('localStorage', undefined);
    expect(prefs().load()).toEqual({ on: true, size: 300 });
  });

  it('save only the preferences, never the state or actions they are given with', () => {
    const profile = storage();
    vi.stubGlobal('localStorage', profile);
    prefs().save({ on: false, size: 360, toggle: () => undefined } as { on: boolean; size: number });
    expect(JSON.parse(profile.items.get('atelier.test') ?? '')).toEqual({ on: false, size: 360 });
  });

  it('a profile that cannot keep them does not fail the change', () => {
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } });
    expect(() => prefs().save({ on: false, size: 300 })).not.toThrow();
  });
});

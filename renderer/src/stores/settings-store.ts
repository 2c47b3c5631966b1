import { create } from 'zustand';
import type { ChannelInput, CreditSummary, LibraryStats, SettingsView } from '../../../shared/contract.ts';
import type { AppError } from '../../../shared/result.ts';
import { api } from '../api.ts';
import { refusalWords } from '../lib/refusal-words.ts';
import { useToastStore } from './toast-store.ts';

interface SettingsState {
  settings: SettingsView | null;
  credits: CreditSummary | null;
  stats: LibraryStats | null;
  error: AppError | null;
  /** Loads settings, credits and library size (when the settings open, and at start-up). */
  load(): Promise<void>;
  loadStats(): Promise<void>;
  /** A change the artist saved in Settings: answers why it was refused, in their words, or null once saved ("Settings saved" says so). */
  save(change: ChannelInput<'settings:update'>): Promise<string | null>;
  setSettings(settings: SettingsView): void;
  setCredits(credits: CreditSummary): void;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  settings: null,
  credits: null,
  stats: null,
  error: null,
  async load() {
    const [settings, credits] = await Promise.all([api.invoke('settings:get'), api.invoke('credits:summary')]);
    set({
      ...(settings.ok ? { settings: settings.value } : {}),
      ...(credits.ok ? { credits: credits.value } : {}),
      error: !settings.ok ? settings.error : !credits.ok ? credits.error : null,
    });
    await get().loadStats();
  },
  async loadStats() {
    const stats = await api.invoke('library:stats');
    if (stats.ok) set({ stats: stats.value });
  },
  async save(change) {
    const result = await api.invoke('settings:update', change);
    if (!result.ok) return refusalWords(result.error);
    set({ settings: result.value });
    useToastStore.getState().show('Settings saved');
    return null;
  },
  setSettings(settings) {
    set({ settings });
  },
  setCredits(credits) {
    set({ credits });
  },
}));

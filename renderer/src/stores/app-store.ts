import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract.ts';
import type { AppError } from '../../../shared/result.ts';
import { api } from '../api.ts';

interface AppState {
  info: AppInfo | undefined;
  error: AppError | undefined;
  /** Loads what the main process says about itself (version, library folder, provider). */
  load(): Promise<void>;
}

export const useAppStore = create<AppState>((set) => ({
  info: undefined,
  error: undefined,
  async load() {
    const result = await api.invoke('app:info');
    set(result.ok ? { info: result.value, error: undefined } : { error: result.error });
  },
}));

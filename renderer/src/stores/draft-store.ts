import { create } from 'zustand';
import type { Generation } from '../../../shared/generation.ts';
import { api } from '../api.ts';
import { draftFromGeneration, emptyDraft, validateDraft, type DraftFields } from '../lib/draft.ts';
import { useCollectionsStore } from './collections-store.ts';
import { useQueueStore } from './queue-store.ts';
import { useUiStore } from './ui-store.ts';

interface DraftState {
  fields: DraftFields;
  /** Keep the seed after a run instead of going back to a random one. */
  seedLocked: boolean;
  /** The generation this draft was made from (Edit & rerun), for lineage. */
  parentId: number | null;
  /** Edited since it was last loaded or generated: the artist's work in progress. */
  dirty: boolean;
  /** Show field errors only once the artist has tried to generate (no red before typing). */
  showErrors: boolean;
  submitting: boolean;
  submitError: string | null;
  set<K extends keyof DraftFields>(field: K, value: DraftFields[K]): void;
  setSeedLocked(locked: boolean): void;
  /** Sends the draft to the queue; false when it is not valid or the core refused it. */
  generate(): Promise<boolean>;
  /** Loads a generation's settings as a new draft, asking first if that would lose unsaved work. */
  editFrom(generation: Generation): Promise<boolean>;
}

export const useDraftStore = create<DraftState>((set, get) => ({
  fields: emptyDraft,
  seedLocked: false,
  parentId: null,
  dirty: false,
  showErrors: false,
  submitting: false,
  submitError: null,
  set(field, value) {
    set((s) => ({ fields: { ...s.fields, [field]: value }, dirty: true, submitError: null }));
  },
  setSeedLocked(seedLocked) {
    set({ seedLocked });
  },
  async generate() {
    const { fields, parentId, submitting } = get();
    if (submitting) return false;
    const { params } = validateDraft(fields);
    if (!params) {
      set({ showErrors: true });
      return false;
    }
    set({ submitting: true, submitError: null });
    const collectionId = useCollectionsStore.getState().generateInto;
    const result = await api.invoke('generation:create', {
      params,
      ...(parentId === null ? {} : { parentId }),
      ...(collectionId === null ? {} : { collectionId }),
    });
    if (!result.ok) {
      set({ submitting: false, submitError: result.error.message });
      // the collection chosen may have been deleted meanwhile: the list says so
      if (collectionId !== null) void useCollectionsStore.getState().load();
      return false;
    }
    useQueueStore.getState().apply(result.value);
    if (collectionId !== null) void useCollectionsStore.getState().load();
    // The prompt stays for the next variation; an unlocked seed goes back to random.
    set((s) => ({
      submitting: false,
      dirty: false,
      showErrors: false,
      parentId: null,
      fields: s.seedLocked ? s.fields : { ...s.fields, seed: '' },
    }));
    return true;
  },
  async editFrom(generation) {
    const { dirty, fields } = get();
    if (dirty && fields.prompt.trim() !== '') {
      const replace = await useUiStore.getState().ask({
        title: 'Replace the prompt you are writing?',
        message: 'Edit & rerun loads this generation’s settings into the generate panel. What you have typed there now will be lost.',
        confirmLabel: 'Replace draft',
        cancelLabel: 'Keep my draft',
      });
      if (!replace) return false;
    }
    set({
      fields: draftFromGeneration(generation),
      seedLocked: true,
      parentId: generation.id,
      dirty: false,
      showErrors: false,
      submitError: null,
    });
    return true;
  },
}));

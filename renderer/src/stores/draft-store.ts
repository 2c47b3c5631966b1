import { create } from 'zustand';
import type { Generation, GenerationParams } from '../../../shared/generation.ts';
import { planRuns } from '../../../shared/runs/plan.ts';
import type { SweepAxis } from '../../../shared/runs/sweep.ts';
import { api } from '../api.ts';
import { draftFromGeneration, emptyDraft, type DraftFields } from '../lib/draft.ts';
import { checkDraft } from '../lib/draft-checker.ts';
import { useCollectionsStore } from './collections-store.ts';
import { firstInvalidInput } from '../lib/form-honesty.ts';
import { runCost } from '../lib/format.ts';
import { readSweeps, type SweepDraft } from '../lib/run-plan.ts';
import { useBatchStore } from './batch-store.ts';
import { expiredReference } from './reference-store.ts';
import { useQueueStore } from './queue-store.ts';
import { useSettingsStore } from './settings-store.ts';
import { useUiStore } from './ui-store.ts';

/** A Generate is waiting for the form's check to load. */
let checking = false;

/** Until the settings are loaded, a bulk action of more runs than this asks first (the Settings default). */
const DEFAULT_CONFIRM_RUNS_ABOVE = 4;

interface DraftState {
  fields: DraftFields;
  /** Keep the seed after a run instead of going back to a random one; only ever on with a seed typed. */
  seedLocked: boolean;
  /** The settings swept by the next Generate (none, one, or two for an X/Y grid). */
  sweeps: SweepDraft[];
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
  setSweeps(sweeps: SweepDraft[]): void;
  /** Every setting back to the default; the prompt stays. */
  resetSettings(): void;
  /** Sends the draft to the queue (one run, or a batch); false when it is not valid, not confirmed or refused. */
  generate(): Promise<boolean>;
  /** Loads a generation's settings as a new draft, asking first if that would lose unsaved work. */
  editFrom(generation: Generation): Promise<boolean>;
  /** Keeps the draft but forgets the generation it was made from: the next run starts no lineage. */
  unlinkParent(): void;
}

/** Moves focus to a form input (Generate with an invalid field lands the artist on it). */
const focusInput = (id: string) => document.getElementById(id)?.focus();

export const useDraftStore = create<DraftState>((set, get) => ({
  fields: emptyDraft,
  seedLocked: false,
  sweeps: [],
  parentId: null,
  dirty: false,
  showErrors: false,
  submitting: false,
  submitError: null,
  set(field, value) {
    set((s) => ({
      fields: { ...s.fields, [field]: value },
      // a lock on an emptied seed would keep nothing: it goes with the seed
      seedLocked: field === 'seed' && String(value).trim() === '' ? false : s.seedLocked,
      dirty: true,
      submitError: null,
    }));
  },
  setSeedLocked(seedLocked) {
    if (seedLocked && get().fields.seed.trim() === '') return;
    set({ seedLocked });
  },
  setSweeps(sweeps) {
    set({ sweeps, dirty: true, submitError: null });
  },
  resetSettings() {
    set((s) => ({ fields: { ...emptyDraft, prompt: s.fields.prompt }, seedLocked: false, sweeps: [], dirty: true, submitError: null }));
  },
  async generate() {
    const { fields, parentId, submitting, sweeps } = get();
    if (submitting || checking) return false;
    // the check may still be loading (it comes after the window's first paint): a second press meanwhile sends nothing
    checking = true;
    let checked: Awaited<ReturnType<typeof checkDraft>>;
    try {
      checked = await checkDraft(fields);
    } catch {
      set({ submitError: 'Atelier could not load the form’s check. Press Generate again; if it keeps failing, restart Atelier.' });
      return false;
    } finally {
      checking = false;
    }
    const { params, errors } = checked;
    if (!params) {
      set({ showErrors: true });
      const invalid = firstInvalidInput(errors);
      if (invalid) focusInput(invalid);
      return false;
    }
    // An upload lives 24 hours: sent later, Kinovi would silently run without the reference.
    if (params.referenceImageUrl !== undefined && expiredReference(params.referenceImageUrl, Date.now())) {
      set({ submitError: 'The uploaded reference image has expired (uploads last 24 hours): use the image as a reference again, or drop it on the field.' });
      focusInput('reference-image');
      return false;
    }
    const swept = readSweeps(sweeps);
    if (!swept.ok) {
      set({ submitError: swept.message });
      focusInput(`sweep-values-${swept.index}`);
      return false;
    }
    const plan = planRuns(params, swept.axes, 0);
    if (!plan.ok) {
      set({ submitError: plan.message });
      focusInput('prompt');
      return false;
    }
    const single = plan.runs.length === 1 && swept.axes.length === 0 ? plan.runs[0] : undefined;
    if (!single && !(await confirmRuns(plan.runs.length, params.prompt))) return false;
    set({ submitting: true, submitError: null });
    const collectionId = useCollectionsStore.getState().generateInto;
    const sent = single ? await sendOne(single.params, parentId, collectionId) : await sendBatch(params, swept.axes, parentId, collectionId);
    // the collection chosen may have been deleted meanwhile, and its count changed: the list says so
    if (collectionId !== null) void useCollectionsStore.getState().load();
    if (sent !== null) {
      set({ submitting: false, submitError: sent });
      return false;
    }
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
      sweeps: [],
      parentId: generation.id,
      dirty: false,
      showErrors: false,
      submitError: null,
    });
    return true;
  },
  unlinkParent() {
    set({ parentId: null });
  },
}));

/** Above the artist's threshold, asks before sending; true when the runs may go. */
async function confirmRuns(runs: number, prompt: string): Promise<boolean> {
  const threshold = useSettingsStore.getState().settings?.confirmRunsAbove ?? DEFAULT_CONFIRM_RUNS_ABOVE;
  if (runs <= threshold) return true;
  return useUiStore.getState().ask({
    title: 'Confirm runs',
    message: `${runCost(runs)} for “${prompt.length > 80 ? `${prompt.slice(0, 79)}…` : prompt}”. They go through the queue a few at a time; the ones not yet sent can be cancelled.`,
    confirmLabel: `Generate ${runs} runs`,
  });
}

/** Sends one run; null when it is queued, else the core's words. */
async function sendOne(params: GenerationParams, parentId: number | null, collectionId: number | null): Promise<string | null> {
  const result = await api.invoke('generation:create', { params, ...(parentId === null ? {} : { parentId }), ...(collectionId === null ? {} : { collectionId }) });
  if (!result.ok) return result.error.message;
  useQueueStore.getState().apply(result.value);
  return null;
}

/** Sends a bulk action as one batch; null when its runs are queued, else the core's words. */
async function sendBatch(params: GenerationParams, sweep: SweepAxis[], parentId: number | null, collectionId: number | null): Promise<string | null> {
  const input = { params, ...(sweep.length > 0 ? { sweep } : {}), ...(parentId === null ? {} : { parentId }), ...(collectionId === null ? {} : { collectionId }) };
  const result = await api.invoke('batch:create', input);
  if (!result.ok) return result.error.message;
  for (const run of result.value.runs) useQueueStore.getState().apply(run);
  useBatchStore.getState().show(result.value);
  return null;
}

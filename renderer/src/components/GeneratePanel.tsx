import { useMemo } from 'react';
import { GitBranch, LoaderCircle, Sparkles, X } from 'lucide-react';
import { MIDJOURNEY_DEFAULTS } from '../../../shared/generation.ts';
import { NEGATIVE_PROMPT_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { resolveEffectiveParams } from '../../../shared/effective-params.ts';
import { expandPrompt } from '../../../shared/runs/expand.ts';
import { looseParams, type DraftFields } from '../lib/draft.ts';
import { useDraftErrors } from '../lib/draft-checker.ts';
import { promptSettings, settingsSummary } from '../lib/form-honesty.ts';
import { planDraft } from '../lib/run-plan.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { useDraftStore } from '../stores/draft-store.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { AspectRatioPicker } from './AspectRatioPicker.tsx';
import { BatchPanel } from './BatchPanel.tsx';
import { Field, invalidProps } from './Field.tsx';
import { GenerateInto } from './GenerateInto.tsx';
import { FromPrompt } from './FromPrompt.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { OverrideNotes } from './OverrideNotes.tsx';
import { PromptField } from './PromptField.tsx';
import { QualityPicker } from './QualityPicker.tsx';
import { ReferenceImageField } from './ReferenceImageField.tsx';
import { RunCost } from './RunCost.tsx';
import { SeedField } from './SeedField.tsx';
import { SettingsSummary } from './SettingsSummary.tsx';
import { SliderField } from './SliderField.tsx';
import { SweepControl } from './SweepControl.tsx';
import { Switch } from './Switch.tsx';

/** Everything about the next run: prompt, settings, what overrides what, and what it costs. */
export function GeneratePanel() {
  const { fields, seedLocked, sweeps, parentId, showErrors, submitting, submitError } = useDraftStore();
  const { set, setSeedLocked, setSweeps, resetSettings, generate } = useDraftStore.getState();
  const selectedSeed = useSelectedSeed();

  const errors = useDraftErrors(fields);
  const notes = useMemo(() => overrideNotes(fields), [fields]);
  const plan = useMemo(() => planDraft(fields, sweeps), [fields, sweeps]);
  const { flags, typed } = useMemo(() => promptSettings(fields.prompt), [fields.prompt]);
  const from = <V,>(value: V | undefined, flag: string | undefined) => (value !== undefined && flag !== undefined ? { value, typed: flag } : undefined);
  const summary = settingsSummary({ ...looseParams(fields), referenceImageUrl: fields.referenceImageUrl.trim() || undefined }, flags);

  // A field speaks up once it has something in it, or once Generate was tried.
  const errorOf = (field: keyof DraftFields): string | undefined => {
    const value = fields[field];
    const touched = typeof value === 'string' ? value !== '' : true;
    return showErrors || touched ? errors[field] : undefined;
  };

  return (
    <form
      id="generate-panel"
      className="generate-panel"
      aria-label="New generation"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void generate();
      }}
    >
      {/* outside the scrolling fields, so it stays in view however far down the artist edits */}
      {parentId !== null && (
        <p className="draft-parent" role="status">
          <GitBranch size={13} aria-hidden="true" /> Editing a rerun of #{parentId}
          <button type="button" className="icon-button small" aria-label="Stop linking to the original" onClick={() => useDraftStore.getState().unlinkParent()}>
            <X size={12} aria-hidden="true" />
          </button>
        </p>
      )}
      <div className="generate-scroll">
        <PromptField value={fields.prompt} error={errorOf('prompt')} onChange={(v) => set('prompt', v)} />
        <OverrideNotes overrides={notes.overrides} problems={notes.problems} />
        <ModelPicker value={fields.model} fromPrompt={from(flags.model, typed.model)} onChange={(v) => set('model', v)} />
        <AspectRatioPicker value={fields.aspectRatio} error={errorOf('aspectRatio')} fromPrompt={from(flags.aspectRatio, typed.aspectRatio)} onChange={(v) => set('aspectRatio', v)} />
        <SliderField id="stylize" label="Stylize" max={1000} defaultValue={MIDJOURNEY_DEFAULTS.stylize} value={fields.stylize} error={errorOf('stylize')} fromPrompt={from(flags.stylize, typed.stylize)} onChange={(v) => set('stylize', v)} />
        <SliderField id="chaos" label="Chaos" max={100} defaultValue={MIDJOURNEY_DEFAULTS.chaos} value={fields.chaos} error={errorOf('chaos')} fromPrompt={from(flags.chaos, typed.chaos)} onChange={(v) => set('chaos', v)} />
        <SliderField id="weird" label="Weird" max={3000} defaultValue={MIDJOURNEY_DEFAULTS.weird} value={fields.weird} error={errorOf('weird')} fromPrompt={from(flags.weird, typed.weird)} onChange={(v) => set('weird', v)} />
        <QualityPicker value={fields.quality} fromPrompt={from(flags.quality, typed.quality)} onChange={(v) => set('quality', v)} />
        <Switch id="raw" label="Raw style" hint="less automatic beautifying" checked={fields.raw} fromPrompt={flags.raw ? typed.raw : undefined} onChange={(v) => set('raw', v)} />
        <Field id="negative-prompt" label="Negative prompt" error={errorOf('negativePrompt')} aside={<FromPrompt typed={flags.negativePrompt !== undefined ? typed.negativePrompt : undefined} />}>
          <input
            id="negative-prompt"
            type="text"
            className="text-input"
            placeholder="What to leave out: text, watermark…"
            value={flags.negativePrompt ?? fields.negativePrompt}
            readOnly={flags.negativePrompt !== undefined}
            maxLength={NEGATIVE_PROMPT_MAX_LENGTH}
            onChange={(e) => set('negativePrompt', e.target.value)}
            {...invalidProps('negative-prompt', errorOf('negativePrompt'))}
          />
        </Field>
        <SeedField
          value={fields.seed}
          locked={seedLocked}
          error={errorOf('seed')}
          selectedSeed={selectedSeed}
          fromPrompt={from(flags.seed, typed.seed)}
          onChange={(v) => set('seed', v)}
          onLockChange={setSeedLocked}
        />
        <ReferenceImageField value={fields.referenceImageUrl} error={errorOf('referenceImageUrl')} onChange={(v) => set('referenceImageUrl', v)} />
        <SweepControl sweeps={sweeps} problem={plan.ok ? null : plan.message} onChange={setSweeps} />
      </div>
      <div className="generate-footer">
        <BatchPanel />
        {submitError && (
          <p className="submit-error" role="alert">
            {submitError}
          </p>
        )}
        <GenerateInto />
        <SettingsSummary summary={summary} onReset={resetSettings} />
        <RunCost runs={plan.ok ? plan.runs : null} />
        <button type="submit" className="primary-button generate-button" disabled={submitting}>
          {submitting ? <LoaderCircle className="spin" size={16} aria-hidden="true" /> : <Sparkles size={16} aria-hidden="true" />}
          Generate
          <kbd className="shortcut-hint" aria-hidden="true">
            Ctrl ↵
          </kbd>
        </button>
      </div>
    </form>
  );
}

/**
 * Which `--flags` win over fields and what in the prompt cannot be used, for every run the prompt
 * makes (a `--ar {1:1, 16:9}` is two runs, each checked), or why its braces cannot be read.
 */
function overrideNotes(fields: DraftFields): { overrides: string[]; problems: string[] } {
  const expansion = expandPrompt(fields.prompt);
  if (!expansion.ok) return { overrides: [], problems: [expansion.message] };
  const loose = looseParams(fields);
  const overrides = new Set<string>();
  const problems = new Set<string>();
  for (const prompt of expansion.prompts) {
    const resolved = resolveEffectiveParams({ ...loose, prompt }, 0);
    for (const o of resolved.overrides) overrides.add(o.message);
    for (const p of resolved.problems) problems.add(p);
  }
  return { overrides: [...overrides], problems: [...problems] };
}

/** The seed of whatever the artist has selected or opened, for "use seed of selected". */
function useSelectedSeed(): number | null {
  const open = useDetailStore((s) => s.open);
  const selected = useDetailStore((s) => s.selected);
  // the seed itself, not the grid's items: the whole panel rendered again at every page and typed search
  const selectedSeed = useGalleryStore((s) => (selected ? (s.items.find((g) => g.id === selected.id)?.effective.seed ?? null) : null));
  return open ? open.effective.seed : selectedSeed;
}

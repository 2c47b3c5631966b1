import { useMemo } from 'react';
import { GitBranch, LoaderCircle, Sparkles, X } from 'lucide-react';
import { NEGATIVE_PROMPT_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { resolveEffectiveParams } from '../../../shared/params.ts';
import { looseParams, validateDraft, type DraftFields } from '../lib/draft.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { useDraftStore } from '../stores/draft-store.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { AspectRatioPicker } from './AspectRatioPicker.tsx';
import { Field, invalidProps } from './Field.tsx';
import { GenerateInto } from './GenerateInto.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { OverrideNotes } from './OverrideNotes.tsx';
import { PromptField } from './PromptField.tsx';
import { QualityPicker } from './QualityPicker.tsx';
import { ReferenceImageField } from './ReferenceImageField.tsx';
import { RunCost } from './RunCost.tsx';
import { SeedField } from './SeedField.tsx';
import { SliderField } from './SliderField.tsx';
import { Switch } from './Switch.tsx';

/** Everything about the next run: prompt, settings, what overrides what, and what it costs. */
export function GeneratePanel() {
  const { fields, seedLocked, parentId, showErrors, submitting, submitError } = useDraftStore();
  const { set, setSeedLocked, generate } = useDraftStore.getState();
  const selectedSeed = useSelectedSeed();

  const { errors } = useMemo(() => validateDraft(fields), [fields]);
  const notes = useMemo(() => {
    const resolved = resolveEffectiveParams(looseParams(fields), 0);
    return { overrides: resolved.overrides.map((o) => o.message), problems: resolved.problems };
  }, [fields]);

  // A field speaks up once it has something in it, or once Generate was tried.
  const errorOf = (field: keyof DraftFields): string | undefined => {
    const value = fields[field];
    const touched = typeof value === 'string' ? value !== '' : true;
    return showErrors || touched ? errors[field] : undefined;
  };

  return (
    <form
      className="generate-panel"
      aria-label="New generation"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void generate();
      }}
    >
      <div className="generate-scroll">
        {parentId !== null && (
          <p className="draft-parent">
            <GitBranch size={13} aria-hidden="true" /> Editing a rerun of generation #{parentId}
            <button type="button" className="icon-button small" aria-label="Stop linking to the original" onClick={() => useDraftStore.setState({ parentId: null })}>
              <X size={12} aria-hidden="true" />
            </button>
          </p>
        )}
        <PromptField value={fields.prompt} error={errorOf('prompt')} onChange={(v) => set('prompt', v)} />
        <OverrideNotes overrides={notes.overrides} problems={notes.problems} />
        <ModelPicker value={fields.model} onChange={(v) => set('model', v)} />
        <AspectRatioPicker value={fields.aspectRatio} error={errorOf('aspectRatio')} onChange={(v) => set('aspectRatio', v)} />
        <SliderField id="stylize" label="Stylize" max={1000} defaultValue={100} value={fields.stylize} error={errorOf('stylize')} onChange={(v) => set('stylize', v)} />
        <SliderField id="chaos" label="Chaos" max={100} defaultValue={0} value={fields.chaos} error={errorOf('chaos')} onChange={(v) => set('chaos', v)} />
        <SliderField id="weird" label="Weird" max={3000} defaultValue={0} value={fields.weird} error={errorOf('weird')} onChange={(v) => set('weird', v)} />
        <QualityPicker value={fields.quality} onChange={(v) => set('quality', v)} />
        <Switch id="raw" label="Raw style" hint="less automatic beautifying" checked={fields.raw} onChange={(v) => set('raw', v)} />
        <Field id="negative-prompt" label="Negative prompt" error={errorOf('negativePrompt')}>
          <input
            id="negative-prompt"
            type="text"
            className="text-input"
            placeholder="What to leave out: text, watermark…"
            value={fields.negativePrompt}
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
          onChange={(v) => set('seed', v)}
          onLockChange={setSeedLocked}
        />
        <ReferenceImageField value={fields.referenceImageUrl} error={errorOf('referenceImageUrl')} onChange={(v) => set('referenceImageUrl', v)} />
      </div>
      <div className="generate-footer">
        {submitError && (
          <p className="submit-error" role="alert">
            {submitError}
          </p>
        )}
        <GenerateInto />
        <RunCost />
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

/** The seed of whatever the artist has selected or opened, for "use seed of selected". */
function useSelectedSeed(): number | null {
  const open = useDetailStore((s) => s.open);
  const selected = useDetailStore((s) => s.selected);
  const items = useGalleryStore((s) => s.items);
  if (open) return open.effective.seed;
  if (!selected) return null;
  return items.find((g) => g.id === selected.id)?.effective.seed ?? null;
}

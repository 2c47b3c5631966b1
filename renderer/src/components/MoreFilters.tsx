import { useState } from 'react';
import { SlidersHorizontal } from 'lucide-react';
import type { NumberField } from '../../../shared/query/ast.ts';
import { boxLabels, moreFilters, rangeFields, withMoreFilters, type MoreFilters as Boxes, type RangeField } from '../lib/query-ranges.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { Field, invalidProps } from './Field.tsx';
import { Modal } from './Modal.tsx';

/** The "More filters" button beside the chips and its dialog: seed and number ranges, written into the search text. */
export function MoreFiltersButton() {
  const [open, setOpen] = useState(false);
  const text = useGalleryStore((s) => s.query.text);
  const active = JSON.stringify(moreFilters(text)) !== JSON.stringify(moreFilters(''));
  return (
    <>
      <button type="button" className={`chip${active ? ' on' : ''}`} aria-haspopup="dialog" onClick={() => setOpen(true)}>
        <SlidersHorizontal size={12} aria-hidden="true" />
        More filters
      </button>
      {open && <MoreFiltersDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function MoreFiltersDialog({ onClose }: { onClose(): void }) {
  // what the text showed on opening: only the fields changed since are written back
  const [before] = useState(() => moreFilters(useGalleryStore.getState().query.text));
  const [boxes, setBoxes] = useState<Boxes>(before);
  const [problems, setProblems] = useState<Partial<Record<NumberField, string>>>({});
  const setRange = (field: RangeField, end: 'min' | 'max', value: string) => setBoxes((b) => ({ ...b, [field]: { ...b[field], [end]: value } }));
  const apply = () => {
    const result = withMoreFilters(useGalleryStore.getState().query.text, before, boxes);
    if (!result.ok) return setProblems(result.problems);
    useGalleryStore.setState((s) => ({ query: { ...s.query, text: result.text } }));
    void useGalleryStore.getState().refresh();
    onClose();
  };
  return (
    <Modal label="More filters" onClose={onClose}>
      <form
        className="more-filters"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <h2>More filters</h2>
        <p className="muted">Each field writes its term into the search, where you can read and edit it.</p>
        <Field id="more-filters-seed" label="Seed filter" error={problems.seed} hint="One seed (1234) or a range (100..200)">
          <input id="more-filters-seed" data-autofocus type="text" inputMode="numeric" value={boxes.seed} maxLength={30} onChange={(e) => setBoxes((b) => ({ ...b, seed: e.target.value }))} {...invalidProps('more-filters-seed', problems.seed)} />
        </Field>
        {rangeFields.map((field) => {
          const labels = boxLabels(field);
          const error = problems[field];
          const id = `more-filters-${field}`;
          return (
            <Field key={field} id={`${id}-min`} label={labels.min} error={error}>
              <div className="more-filters-range">
                <input id={`${id}-min`} type="text" inputMode="decimal" value={boxes[field].min} maxLength={10} onChange={(e) => setRange(field, 'min', e.target.value)} {...invalidProps(`${id}-min`, error)} />
                <label htmlFor={`${id}-max`}>{labels.max}</label>
                <input id={`${id}-max`} type="text" inputMode="decimal" value={boxes[field].max} maxLength={10} onChange={(e) => setRange(field, 'max', e.target.value)} {...invalidProps(`${id}-min`, error)} />
              </div>
            </Field>
          );
        })}
        <div className="modal-actions">
          <button type="button" className="ghost-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary-button">
            Apply filters
          </button>
        </div>
      </form>
    </Modal>
  );
}

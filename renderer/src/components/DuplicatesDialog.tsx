import { Check, ImageMinus, ThumbsDown } from 'lucide-react';
import type { DuplicateGroup, SimilarImage } from '../../../shared/duplicates.ts';
import { count } from '../lib/format.ts';
import { deleteImages, setRejected, type Aim } from '../stores/curation-actions.ts';
import { hashingText, useDuplicatesStore } from '../stores/duplicates-store.ts';
import { Modal } from './Modal.tsx';
import { likeness, shownImage } from './SimilarImages.tsx';
import { Thumbnail } from './Thumbnail.tsx';

/** Some of a group's images as a curation target (each change is one undo). */
function aimAt(images: SimilarImage[]): Aim | null {
  if (images.length === 0) return null;
  return { target: { images: images.map((i) => ({ generationId: i.generationId, index: i.index })) }, images: images.map(shownImage), single: images.length === 1, current: false };
}

const reload = () => void useDuplicatesStore.getState().reload();

function Group({ group, number }: { group: DuplicateGroup; number: number }) {
  const name = `${group.exact ? 'Exact duplicates' : 'Near duplicates'} ${number}`;
  return (
    <li className="duplicate-group" aria-label={name}>
      <h4>
        {group.exact ? 'Exact duplicates' : 'Near duplicates'} · {count(group.images.length, 'image')}
      </h4>
      <ul className="duplicate-images">
        {group.images.map((image, i) => {
          const label = `image ${image.index + 1} of “${image.prompt}”`;
          const others = group.images.filter((_, j) => j !== i);
          return (
            <li key={`${image.generationId}-${image.index}`} className={image.rejected ? 'rejected' : undefined}>
              <Thumbnail image={shownImage(image)} aspectRatio={`${image.width ?? 1}:${image.height ?? 1}`} alt={label} />
              <span className="similar-note">
                {i === 0 ? 'Oldest' : likeness(image)}
                {image.width !== null && image.height !== null ? ` · ${image.width}×${image.height}` : ''}
                {image.rejected ? ' · rejected' : ''}
              </span>
              <span className="duplicate-actions">
                <button
                  type="button"
                  className="ghost-button"
                  aria-label={`Keep only ${label}`}
                  title="Keep this one: the others of the group are rejected (undo with Ctrl+Z)"
                  onClick={() => void (async () => {
                    await setRejected(aimAt([image]), false);
                    await setRejected(aimAt(others.filter((o) => !o.rejected)), true);
                    reload();
                  })()}
                >
                  <Check size={13} aria-hidden="true" /> Keep only
                </button>
                <button
                  type="button"
                  className="ghost-button"
                  aria-label={`Reject ${label}`}
                  aria-pressed={image.rejected}
                  onClick={() => void setRejected(aimAt([image]), !image.rejected).then(reload)}
                >
                  <ThumbsDown size={13} aria-hidden="true" /> Reject
                </button>
                <button
                  type="button"
                  className="ghost-button danger"
                  aria-label={`Delete ${label}`}
                  title="To the trash (undo with Ctrl+Z)"
                  onClick={() => {
                    const target = aimAt([image]);
                    if (target) void deleteImages(target).then(reload);
                  }}
                >
                  <ImageMinus size={13} aria-hidden="true" /> Delete
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </li>
  );
}

/** The "Duplicates" view: exact and near duplicates of the whole library, grouped, with keep, reject and delete. */
export function DuplicatesDialog() {
  const { open, view, hashing, close } = useDuplicatesStore();
  if (!open) return null;
  const still = hashingText(hashing);
  return (
    <Modal label="Find duplicates" className="duplicates-dialog" onClose={close}>
      <section aria-label="Duplicates">
        <h2>Duplicates</h2>
        <p className="muted">
          Exact copies have the same pixels whatever their file says; near copies look the same (a resize, a JPEG copy, a small edit).
        </p>
        {still && (
          <p role="status" data-testid="hashing-progress">
            {still}
          </p>
        )}
        {view === null ? (
          <p className="muted">Looking for duplicates…</p>
        ) : view.groups.length === 0 ? (
          <p className="muted">No duplicates found{still ? ' yet' : ''}.</p>
        ) : (
          <ul className="duplicate-groups">
            {view.groups.map((group, i) => (
              <Group key={`${group.images[0]?.generationId}-${group.images[0]?.index}`} group={group} number={i + 1} />
            ))}
          </ul>
        )}
        {view?.truncated && <p className="muted">Showing the newest {count(view.groups.length, 'group')}.</p>}
      </section>
      <div className="modal-actions">
        <button type="button" className="primary-button" data-autofocus onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}

import { useState, type DragEvent } from 'react';
import { ImageOff } from 'lucide-react';
import { URL_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { expiryWords, referenceExpired, type ReferenceChoice } from '../../../shared/reference.ts';
import { useNow } from '../hooks/useNow.ts';
import { carriesFiling, dropFiling } from '../lib/drag-filing.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { useReferenceStore } from '../stores/reference-store.ts';
import { Field, invalidProps } from './Field.tsx';

interface Props {
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** Files from the desktop, or tiles from the gallery, can be dropped here. */
const accepts = (e: DragEvent) => e.dataTransfer.types.includes('Files') || carriesFiling(e);

/**
 * The reference image: a URL typed in, or one Atelier prepares from a library image ("Use as
 * reference", a tile dragged here) or a file dropped from the desktop, with the upload's progress and expiry.
 */
export function ReferenceImageField({ value, error, onChange }: Props) {
  const [broken, setBroken] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const { choice, working, error: referenceError } = useReferenceStore();
  const ours = choice !== null && choice.url === value.trim() ? choice : null;
  const shownError = error ?? referenceError ?? undefined;
  const showPreview = value.trim() !== '' && !error;

  const drop = (e: DragEvent) => {
    if (!accepts(e)) return;
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) return void useReferenceStore.getState().fromFile(file);
    const target = dropFiling(e);
    const image = target?.images[0] ?? (target?.generationIds[0] !== undefined ? { generationId: target.generationIds[0], index: 0 } : undefined);
    const generation = image && useGalleryStore.getState().items.find((g) => g.id === image.generationId);
    if (image && generation) void useReferenceStore.getState().fromImage(generation, image.index);
  };

  return (
    <Field id="reference-image" label="Reference image URL" error={shownError} hint="Drop an image here, or use “Use as reference” on one in the library.">
      <div
        className={`reference-drop${over ? ' over' : ''}`}
        data-testid="reference-drop"
        onDragOver={(e) => {
          if (!accepts(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <input
          id="reference-image"
          type="url"
          className="text-input"
          placeholder="https://… or drop an image"
          value={value}
          maxLength={URL_MAX_LENGTH}
          onChange={(e) => {
            useReferenceStore.getState().clearError();
            onChange(e.target.value);
          }}
          {...invalidProps('reference-image', shownError)}
        />
      </div>
      {working && (
        <div className="reference-status" role="status" aria-label="Reference progress">
          {working.label}
          {working.totalBytes > 0 && working.label === 'Uploading' && ` ${Math.round((100 * working.sentBytes) / working.totalBytes)}%`}
          <progress aria-label={working.label} max={Math.max(1, working.totalBytes)} value={working.sentBytes} />
        </div>
      )}
      {!working && ours && <ReferenceExpiry key={ours.url} choice={ours} />}
      {showPreview && (
        <div className="reference-preview">
          {broken === value ? (
            <span className="reference-broken">
              <ImageOff size={16} aria-hidden="true" /> The image could not be loaded from that address.
            </span>
          ) : (
            <img src={ours?.previewSrc || value.trim()} alt="Reference image preview" referrerPolicy="no-referrer" onError={() => setBroken(value)} />
          )}
        </div>
      )}
    </Field>
  );
}

/** Where the field's URL came from and how long it lives; mounted per URL, so its clock starts fresh. */
function ReferenceExpiry({ choice }: { choice: ReferenceChoice & { decidedAt: number } }) {
  const now = useNow(30_000);
  const minutes = Math.floor((now - choice.decidedAt) / 60_000);
  const checked = minutes < 1 ? 'just now' : minutes < 60 ? `${minutes} min ago` : `${Math.floor(minutes / 60)} h ago`;
  return (
    <p className={`reference-status${referenceExpired(choice, now) ? ' expired' : ''}`} data-testid="reference-expiry">
      {choice.source === 'kinovi' ? `The image’s Kinovi address, checked ${checked}` : `Uploaded · ${expiryWords(choice.expiresAt ?? now, now)}`}
    </p>
  );
}

import { useState } from 'react';
import { ImageOff } from 'lucide-react';
import { URL_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { Field, invalidProps } from './Field.tsx';

interface Props {
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

export function ReferenceImageField({ value, error, onChange }: Props) {
  const [broken, setBroken] = useState<string | null>(null);
  const showPreview = value.trim() !== '' && !error;
  return (
    <Field id="reference-image" label="Reference image URL" error={error}>
      <input
        id="reference-image"
        type="url"
        className="text-input"
        placeholder="https://…"
        value={value}
        maxLength={URL_MAX_LENGTH}
        onChange={(e) => onChange(e.target.value)}
        {...invalidProps('reference-image', error)}
      />
      {showPreview && (
        <div className="reference-preview">
          {broken === value ? (
            <span className="reference-broken">
              <ImageOff size={16} aria-hidden="true" /> The image could not be loaded from that address.
            </span>
          ) : (
            <img src={value.trim()} alt="Reference image preview" referrerPolicy="no-referrer" onError={() => setBroken(value)} />
          )}
        </div>
      )}
    </Field>
  );
}

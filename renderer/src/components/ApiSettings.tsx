import { useState, type FormEvent } from 'react';
import { Check, KeyRound } from 'lucide-react';
import { useSettingsStore } from '../stores/settings-store.ts';
import { API_KEY_MAX_LENGTH, URL_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { Field } from './Field.tsx';

/** The API key is write-only: typed here, sent once, never shown again (the UI only learns hasApiKey). */
export function ApiSettings() {
  const settings = useSettingsStore((s) => s.settings);
  const saveSettings = useSettingsStore((s) => s.save);
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  const [concurrency, setConcurrency] = useState<string | null>(null);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);

  const save = async (field: string, change: Parameters<typeof saveSettings>[0], done: () => void) => {
    const refused = await saveSettings(change);
    setError(refused === null ? null : { field, message: refused });
    if (refused === null) done();
  };

  const onKey = (e: FormEvent) => {
    e.preventDefault();
    void save('apiKey', { apiKey }, () => setApiKey(''));
  };

  return (
    <section className="settings-section" aria-label="Kinovi API">
      <h3>Kinovi API</h3>
      <p className="key-state" data-testid="api-key-state">
        <KeyRound size={14} aria-hidden="true" />
        {settings?.hasApiKey
          ? 'A key is stored. Images come from Kinovi and use your credits.'
          : settings?.keyOrigin
            ? `The stored key was saved for ${settings.keyOrigin} and is only ever sent there. Enter the key for this address; until then the built-in Sandbox makes simulated images for free.`
            : 'No key stored: the built-in Sandbox makes simulated images for free.'}
      </p>
      <form className="inline-form" noValidate onSubmit={onKey}>
        <Field id="api-key" label={settings?.hasApiKey ? 'Replace API key' : 'API key'} error={error?.field === 'apiKey' ? error.message : undefined}>
          <div className="input-with-button">
            <input id="api-key" type="password" className="text-input mono" autoComplete="off" maxLength={API_KEY_MAX_LENGTH} value={apiKey} placeholder="Paste your Kinovi key" onChange={(e) => setApiKey(e.target.value)} />
            <button type="submit" className="secondary-button" disabled={apiKey.trim() === ''}>
              Save key
            </button>
          </div>
        </Field>
      </form>
      {settings?.hasApiKey && (
        <button type="button" className="ghost-button danger" onClick={() => void save('apiKey', { apiKey: null }, () => undefined)}>
          Remove key
        </button>
      )}
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (baseUrl !== null) void save('apiBaseUrl', { apiBaseUrl: baseUrl.trim() }, () => setBaseUrl(null));
        }}
      >
        <Field id="api-base-url" label="API base URL" error={error?.field === 'apiBaseUrl' ? error.message : undefined}>
          <div className="input-with-button">
            <input id="api-base-url" type="url" className="text-input mono" maxLength={URL_MAX_LENGTH} value={baseUrl ?? settings?.apiBaseUrl ?? ''} onChange={(e) => setBaseUrl(e.target.value)} />
            <button type="submit" className="secondary-button" disabled={baseUrl === null} aria-label="Save API base URL">
              <Check size={14} aria-hidden="true" /> Save
            </button>
          </div>
        </Field>
      </form>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (concurrency !== null) void save('concurrency', { concurrency: Number(concurrency) }, () => setConcurrency(null));
        }}
      >
        <Field id="concurrency" label="Runs at once" hint="How many generations may be in flight together (your plan’s limit)." error={error?.field === 'concurrency' ? error.message : undefined}>
          <div className="input-with-button">
            <input id="concurrency" type="number" min={1} max={50} className="text-input narrow" value={concurrency ?? settings?.concurrency ?? ''} onChange={(e) => setConcurrency(e.target.value)} />
            <button type="submit" className="secondary-button" disabled={concurrency === null} aria-label="Save runs at once">
              <Check size={14} aria-hidden="true" /> Save
            </button>
          </div>
        </Field>
      </form>
    </section>
  );
}

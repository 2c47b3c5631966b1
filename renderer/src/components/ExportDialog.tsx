import { useState } from 'react';
import type { ExportPicture } from '../../../shared/export-picture.ts';
import { EXPORT_MAX_SIDE_LIMIT, EXPORT_QUALITY_DEFAULT } from '../../../shared/input-limits.ts';
import { bytes, count, elapsed } from '../lib/format.ts';
import { useAppStore } from '../stores/app-store.ts';
import { useExportStore } from '../stores/export-store.ts';
import { Modal } from './Modal.tsx';
import { PickPathButton } from './PickPathButton.tsx';

/** Where an export goes and how far it has come: a folder or ZIP path on this computer, progress, cancel. */
export function ExportDialog() {
  const { ids, everything, named, images, running, progress, result, error, close, start, cancel } = useExportStore();
  const preview = useAppStore((s) => s.info?.shell === 'preview');
  const [kind, setKind] = useState<'folder' | 'zip' | 'download'>('zip');
  const [place, setPlace] = useState('');
  const [sidecars, setSidecars] = useState(false);
  // exports follow what the gallery shows: rejected images stay out unless asked for
  const [includeRejected, setIncludeRejected] = useState(false);
  const [format, setFormat] = useState<ExportPicture['format']>('original');
  const [quality, setQuality] = useState(String(EXPORT_QUALITY_DEFAULT));
  const [maxSide, setMaxSide] = useState('');
  if (ids === undefined) return null;
  // the number fields' own limits keep these in range; the core checks them again
  const picture: ExportPicture = format === 'original'
    ? { format }
    : { format, quality: Number(quality), maxSide: maxSide.trim() === '' ? null : Number(maxSide) };
  const percent = progress && progress.totalImages > 0 ? Math.round((progress.images / progress.totalImages) * 100) : 0;
  const what = everything !== null
    ? (named ?? 'every match of the search')
    : images !== null ? count(images.length, 'image') : ids === null ? 'the whole library' : count(ids.length, 'generation');
  return (
    <Modal label="Export" onClose={close}>
      <h2 className="export-title">Export {what}</h2>
      <form
        className="export-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start(kind === 'download' ? { kind } : kind === 'zip' ? { kind, file: place.trim() } : { kind, folder: place.trim() }, { sidecars, picture, includeRejected });
        }}
      >
        <fieldset disabled={running}>
          <label><input type="radio" name="export-kind" checked={kind === 'zip'} onChange={() => setKind('zip')} /> One ZIP file</label>
          <label><input type="radio" name="export-kind" checked={kind === 'folder'} onChange={() => setKind('folder')} /> A new folder inside</label>
          {preview && (
            <label><input type="radio" name="export-kind" checked={kind === 'download'} onChange={() => setKind('download')} /> A ZIP downloaded by this browser</label>
          )}
          {kind !== 'download' && (
            <label className="export-path">
              {kind === 'zip' ? 'ZIP file (full path)' : 'Folder (full path)'}
              <input data-autofocus type="text" value={place} onChange={(e) => setPlace(e.target.value)} required maxLength={1024} />
            </label>
          )}
          {kind !== 'download' && <PickPathButton purpose={kind === 'zip' ? 'export-zip' : 'export-folder'} onPicked={setPlace} />}
          <label>
            Image format
            <select value={format} onChange={(e) => setFormat(e.target.value as ExportPicture['format'])}>
              <option value="original">PNG as stored (all metadata)</option>
              <option value="jpeg">JPEG</option>
              <option value="webp">WebP</option>
            </select>
          </label>
          {format !== 'original' && (
            <>
              <label>
                Quality (1–100)
                <input type="number" min={1} max={100} step={1} value={quality} onChange={(e) => setQuality(e.target.value)} required />
              </label>
              <label>
                Longest side in pixels (empty: full size)
                <input type="number" min={16} max={EXPORT_MAX_SIDE_LIMIT} step={1} value={maxSide} onChange={(e) => setMaxSide(e.target.value)} />
              </label>
            </>
          )}
          <label><input type="checkbox" checked={sidecars} onChange={(e) => setSidecars(e.target.checked)} /> A JSON file beside each image</label>
          <label><input type="checkbox" checked={includeRejected} onChange={(e) => setIncludeRejected(e.target.checked)} /> Include rejected</label>
        </fieldset>
        {running || progress ? (
          <div className="progress" role="progressbar" aria-label="Export progress" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
            <span style={{ width: `${percent}%` }} />
          </div>
        ) : null}
        {progress && (
          <p data-testid="export-status">
            {progress.images.toLocaleString()} of {count(progress.totalImages, 'image')} · {bytes(progress.bytes)} of {bytes(progress.totalBytes)}
            {running && progress.msLeft !== null ? ` · about ${elapsed(progress.msLeft)} left` : ''}
          </p>
        )}
        {result?.status === 'done' && <p role="status">Exported {count(result.images, 'image')} to {result.path}</p>}
        {result?.status === 'download' && (
          <p role="status">
            {progress !== null && progress.images === progress.totalImages
              ? `Sent ${count(progress.images, 'image')} to this browser’s downloads`
              : 'Your browser is downloading the ZIP…'}
          </p>
        )}
        {result?.status === 'cancelled' && <p role="status">Export cancelled: nothing was written.</p>}
        {error && <p role="alert">{error}</p>}
        <div className="modal-actions">
          {running ? (
            <button type="button" className="ghost-button" onClick={cancel}>Cancel export</button>
          ) : (
            <>
              <button type="button" className="ghost-button" onClick={close}>Close</button>
              <button type="submit" className="primary-button">Start export</button>
            </>
          )}
        </div>
      </form>
    </Modal>
  );
}

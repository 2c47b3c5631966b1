import { useState } from 'react';
import { count } from '../lib/format.ts';
import { useImportStore } from '../stores/import-store.ts';
import { Modal } from './Modal.tsx';
import { PickPathButton } from './PickPathButton.tsx';

function ImportReportView() {
  const { report, close } = useImportStore();
  if (!report) return null;
  return (
    <Modal label="Import report" onClose={close}>
      <h2>Import report</h2>
      <p className="muted mono wrap">{report.folder}</p>
      <dl className="facts" data-testid="import-report">
        <dt>Imported</dt>
        <dd data-testid="import-imported">{count(report.imported, 'picture')}</dd>
        <dt>Already in the library</dt>
        <dd data-testid="import-duplicates">{count(report.duplicates, 'picture')}</dd>
        <dt>Could not be read</dt>
        <dd data-testid="import-unreadable">{count(report.unreadable.length, 'file')}</dd>
      </dl>
      {report.unreadable.length > 0 && (
        <ul className="import-problems" aria-label="Files not imported">
          {report.unreadable.slice(0, 200).map((u) => (
            <li key={u.file}>
              <span className="mono">{u.file}</span>: {u.reason}
            </li>
          ))}
        </ul>
      )}
      <div className="modal-actions">
        <button type="button" className="primary-button" data-autofocus onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  );
}

/** Import a folder on this computer: its path, the progress, then the report. */
export function ImportDialog() {
  const { open, running, progress, report, error, close, start } = useImportStore();
  const [folder, setFolder] = useState('');
  if (!open) return null;
  if (report) return <ImportReportView />;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Modal label="Import" onClose={() => !running && close()}>
      <h2>Import pictures</h2>
      <p className="muted">
        An Atelier export, Midjourney downloads or any folder of PNG, JPEG and WebP pictures. They are copied into the library; the
        originals stay as they are, and pictures already in the library are skipped.
      </p>
      <form
        className="export-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start(folder.trim());
        }}
      >
        <fieldset disabled={running}>
          <label className="export-path">
            Folder (full path)
            <input data-autofocus type="text" value={folder} onChange={(e) => setFolder(e.target.value)} required maxLength={1024} />
          </label>
          <PickPathButton purpose="import-folder" onPicked={setFolder} />
        </fieldset>
        {running || progress ? (
          <div className="progress" role="progressbar" aria-label="Import progress" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
            <span style={{ width: `${percent}%` }} />
          </div>
        ) : null}
        {progress && (
          <p data-testid="import-status">
            {progress.done.toLocaleString()} of {count(progress.total, 'file')} · {progress.imported.toLocaleString()} imported
          </p>
        )}
        {error && <p role="alert">{error}</p>}
        <div className="modal-actions">
          {running ? (
            <p className="muted">Importing… you can keep working; closing Atelier pauses it until the next start.</p>
          ) : (
            <>
              <button type="button" className="ghost-button" onClick={close}>
                Close
              </button>
              <button type="submit" className="primary-button">
                Start import
              </button>
            </>
          )}
        </div>
      </form>
    </Modal>
  );
}

import { useEffect } from 'react';
import { bytes, when } from '../lib/format.ts';
import { useBackupsStore } from '../stores/backups-store.ts';

/** Settings: the library's backups (date, size, verified), each restorable, and the library folder. */
export function BackupsSection() {
  const backups = useBackupsStore((s) => s.backups);
  const restoring = useBackupsStore((s) => s.restoring);
  const { load, restore, openFolder } = useBackupsStore.getState();
  useEffect(() => void load(), [load]);
  return (
    <section className="settings-section" aria-label="Backups section">
      <h3>Backups</h3>
      {backups === null ? (
        <p className="muted">…</p>
      ) : backups.length === 0 ? (
        <p className="muted">No backup yet: Atelier makes one a day, a few minutes after it starts.</p>
      ) : (
        <table className="backups" aria-label="Backups">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Size</th>
              <th scope="col">Verified</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => {
              const label = when(b.takenAt);
              return (
                <tr key={b.name} data-name={b.name}>
                  <td>
                    {label}
                    {b.beforeRestore && <span className="muted"> · before a restore</span>}
                  </td>
                  <td>{bytes(b.bytes)}</td>
                  <td>{b.verified ? 'Yes' : 'No'}</td>
                  <td>
                    <button type="button" className="ghost-button" disabled={restoring !== null} onClick={() => void restore(b, label)}>
                      {restoring === b.name ? 'Restoring…' : 'Restore'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" className="ghost-button" onClick={() => void openFolder()}>
        Open library folder
      </button>
    </section>
  );
}

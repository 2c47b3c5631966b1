import type { Handlers } from './dispatch.ts';
import type { EventHub } from './events.ts';
import { Failure } from './failure.ts';
import type { Library } from './library/database.ts';
import { libraryPath } from './library/files.ts';
import { listUnfinished } from './library/generations.ts';
import { migrate } from './library/migrations.ts';
import { lastUndoId, undoIdsAfter } from './library/undo-steps.ts';
import { listBackupInfo } from './library/restore.ts';
import type { LibraryThreads } from './library/threads.ts';
import type { DesktopActions } from './desktop/desktop.ts';
import type { TaskQueue } from './tasks/queue.ts';

export interface BackupDeps {
  db: Library;
  hub: EventHub;
  queue: Pick<TaskQueue, 'start'>;
  threads: Pick<LibraryThreads, 'restore' | 'resumeUpkeep'>;
  dataDir: string;
  desktop?: DesktopActions | undefined;
}

type BackupChannels = Pick<Handlers, 'backup:list' | 'backup:restore' | 'library:openFolder'>;

/**
 * The backups the artist can use: the list, a restore in place (the library as it was kept as a
 * backup first), and the library folder opened in the file manager. `restoring` is true while a
 * restore runs, so no new generation is made into a library about to be replaced.
 */
export function createBackups(deps: BackupDeps): { handlers: BackupChannels; readonly restoring: boolean } {
  const { db, hub, queue, threads, dataDir, desktop } = deps;
  let restoring = false;
  const handlers: BackupChannels = {
    'backup:list': () => listBackupInfo(dataDir),
    'backup:restore': async ({ name }) => {
      if (restoring) throw new Failure('conflict', 'A backup is already being restored.');
      const unfinished = listUnfinished(db).length;
      if (unfinished > 0) {
        // their tasks live on the API: a library restored under them would lose track of what was charged
        throw new Failure(
          'conflict',
          `Atelier is still working on ${unfinished === 1 ? '1 generation' : `${unfinished} generations`}. Let them finish (or cancel the queued ones), then restore.`,
          { unfinished },
        );
      }
      restoring = true;
      try {
        const undoIdsGiven = lastUndoId(db);
        const result = await threads.restore(name);
        // a backup from an earlier version of Atelier takes the steps since
        migrate(db);
        // the page may still hold undo ids of changes the backup never saw: none may name a later change
        undoIdsAfter(db, undoIdsGiven);
        // and the background fills those steps (or a backup taken before a fill had finished) leave
        // to do start now, not at the next launch: the hashes of older images, stack keys, sort orders…
        threads.resumeUpkeep();
        // runs the backup holds as unfinished go on from where they were
        queue.start();
        hub.emit('library:restored', result);
        return result;
      } finally {
        restoring = false;
      }
    },
    'library:openFolder': () => {
      if (!desktop) throw new Failure('conflict', `Only the desktop app can open the library folder. It is at ${dataDir}`, { dataDir });
      return desktop.showInFolder(libraryPath(dataDir));
    },
  };
  return {
    handlers,
    get restoring() {
      return restoring;
    },
  };
}

import { afterEach, beforeEach } from 'vitest';
import { tempLibrary } from './library.ts';

export type TempLibrary = ReturnType<typeof tempLibrary>;

/**
 * A fresh library in a temp folder for each test of the calling file (vitest only: the e2e specs
 * seed theirs through the studio fixture). `use` hands it to the file's own variables before the
 * test runs; it is closed and removed after.
 */
export function libraryPerTest(use: (library: TempLibrary) => void): void {
  let library: TempLibrary | undefined;
  beforeEach(() => {
    library = tempLibrary();
    use(library);
  });
  afterEach(() => {
    library?.close();
    library = undefined;
  });
}

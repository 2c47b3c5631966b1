/**
 * The recorded export lists against the installed typings: the known differences and no others, so
 * a bump that changes either side is noticed (tests/shell/README.md says how to refresh).
 */
import assert from 'node:assert/strict';
import type { Scenario } from '../harness/runner.ts';
import { readElectronExports, typingsDifference } from '../standin/exports.ts';

export const exportLists: Scenario = {
  id: 'export-lists',
  name: "the export lists against the pinned Electron's typings",
  async run(t) {
    const lists = readElectronExports();
    await t.check(`electron-exports.json differs from electron.d.ts ${lists.electron} only where the runtime does`, () => {
      const difference = typingsDifference(lists);
      assert.ok(difference, 'node_modules/electron/electron.d.ts is missing: run npm ci');
      assert.deepEqual(difference.onlyInTypings, [...lists.typings.mainOnlyInTypings].sort(), 'typed main-process values the lists lack');
      assert.deepEqual(difference.onlyAtRunTime, [...lists.typings.mainOnlyAtRunTime].sort(), 'listed main-process values the typings lack');
    });
  },
};

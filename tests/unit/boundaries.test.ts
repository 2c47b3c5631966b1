import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });
const boundaryRules = new Set(['no-restricted-imports', 'atelier/folder-boundaries']);

/** What the real lint config says about a file at this path holding this text. */
async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && boundaryRules.has(m.ruleId)).map((m) => m.message);
}

describe('architecture boundaries (lint)', () => {
  it.each([
    ['shared/x.ts', "import { startCore } from '../electron/core/app.ts';"],
    ['shared/x.ts', "import { App } from '../renderer/src/App.tsx';"],
    ['shared/x.ts', "import fs from 'node:fs';"],
    ['renderer/src/x.ts', "import { startCore } from '../../electron/core/app.ts';"],
    ['renderer/src/x.ts', "import path from 'node:path';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/preview/x.ts', "import { app } from 'electron';"],
    // electron/core never reaches into either shell, however the path is spelled or however deep the file.
    ['electron/core/x.ts', "import { connectIpc } from '../main/ipc.ts';"],
    ['electron/core/library/x.ts', "import type { BrowserWindow } from '../../main/window.ts';"],
    ['electron/core/x.ts', "export { startPreview } from '../../electron/preview/host.ts';"],
    ['electron/core/tasks/x.ts', "const host = await import('../../preview/host.ts');"],
    ['electron/main/x.ts', "import { api } from '../../renderer/src/api.ts';"],
    ['electron/main/x.ts', "import type { AppProps } from '../../renderer/src/App.tsx';"],
    // The preload: electron and shared/, nothing else.
    ['electron/preload/index.ts', "import { z } from 'zod';"],
    ['electron/preload/index.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/preload/index.ts', "import { EventEmitter } from 'events';"],
    ['electron/preload/index.ts', "import { dispatch } from '../core/dispatch.ts';"],
    ['electron/preload/index.ts', "import { api } from '../../renderer/src/api.ts';"],
  ])('%s may not say %s', async (file, source) => {
    expect(await importErrors(file, source)).not.toEqual([]);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';"],
    ['renderer/src/x.ts', "import type { AppInfo } from '../../shared/contract.ts';"],
    ['electron/core/x.ts', "import fs from 'node:fs';"],
    ['electron/core/x.ts', "import { openLibrary } from './library/database.ts';"],
    ['electron/core/library/x.ts', "import { Failure } from '../failure.ts';"],
    ['electron/core/x.ts', "import type { ChannelName } from '../../shared/contract.ts';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/main/x.ts', "import { startCore } from '../core/app.ts';"],
    ['electron/preview/x.ts', "import { startCore } from '../core/app.ts';"],
    ['electron/preload/index.ts', "import { contextBridge } from 'electron';"],
    ['electron/preload/index.ts', "import { isChannelName } from '../../shared/channels.ts';"],
    ['electron/preload/index.ts', "import type { AtelierApi } from '../../shared/contract.ts';"],
  ])('%s may say %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });

  it('names the import and the rule in words', async () => {
    expect(await importErrors('electron/core/x.ts', "import { connectIpc } from '../main/ipc.ts';")).toEqual([
      "'../main/ipc.ts': electron/core is the brain both shells drive: it never imports electron/main or electron/preview.",
    ]);
  });
});

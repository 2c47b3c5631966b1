import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
  ])('%s may not say %s', async (file, source) => {
    expect(await importErrors(file, source)).not.toEqual([]);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';"],
    ['renderer/src/x.ts', "import type { AppInfo } from '../../shared/contract.ts';"],
    ['electron/core/x.ts', "import fs from 'node:fs';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
  ])('%s may say %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expectImagesLoaded, feedTile, tiles } from '../e2e/studio.ts';
import { expect, test } from './launch.ts';

/** State the specs keep in the main process between `app.evaluate` calls. */
type Probe = { __asked?: string[]; __answer?: number; __secondLaunches?: number };
/** What the renderer records of app:command pushes (typed structurally: no DOM library here). */
type RendererProbe = { __commands?: string[]; atelier: { on(event: string, listener: (payload: { command: string }) => void): () => void } };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

test('the desktop app opens a sandboxed window that shows app:info over IPC', async ({ libraryDir, launch }) => {
  const { window } = await launch();
  await expect(window.getByTestId('app-shell')).toHaveText('Desktop app');
  await expect(window.getByTestId('app-data-dir')).toHaveText(libraryDir);
  expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => Object.keys((globalThis as unknown as { atelier: object }).atelier).sort())).toEqual(['invoke', 'on']);
});

test('generate in the desktop app: four images land in the library folder, and the log never holds a key', async ({ libraryDir, launch }) => {
  test.setTimeout(120_000);
  const { app, window } = await launch();
  await window.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a paper boat on a still lake');
  await window.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(window)).toHaveCount(1, { timeout: 60_000 });
  await expectImagesLoaded(tiles(window).first(), 4);
  expect(filesUnder(path.join(libraryDir, 'images')).filter((file) => /\.(png|jpe?g|webp)$/.test(file))).toHaveLength(4);

  await app.evaluate(() => console.error('probe: Authorization: Bearer kv_live_secret_123 and sk-proj-4f9b2c7d1e8a3f6b5c0d9e2a7b4c1f8e'));
  const log = readFileSync(path.join(libraryDir, 'logs', 'atelier.log'), 'utf8');
  expect(log).toContain('probe: Authorization: Bearer [hidden]');
  expect(log).not.toContain('kv_live_secret_123');
  expect(log).not.toContain('4f9b2c7d1e8a3f6b5c0d9e2a7b4c1f8e');
});

test('menu items reach the studio as app:command events', async ({ launch }) => {
  const { app, window } = await launch();
  const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label.replace('&', '')) ?? []);
  expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Window', 'Help']));

  await window.evaluate(() => {
    const page = globalThis as unknown as RendererProbe;
    page.__commands = [];
    page.atelier.on('app:command', ({ command }) => page.__commands?.push(command));
  });
  await app.evaluate(({ Menu }) => {
    const menu = Menu.getApplicationMenu();
    for (const id of ['focus-search', 'toggle-queue']) {
      const item = menu?.getMenuItemById(id);
      if (!item) throw new Error(`no menu item ${id}`);
      item.click();
    }
  });
  await expect.poll(() => window.evaluate(() => (globalThis as unknown as RendererProbe).__commands)).toEqual(['focus-search', 'toggle-queue']);
});

test('a second launch on the same library exits and hands over to the running window', async ({ launch, launchSecondInstance }) => {
  test.setTimeout(90_000);
  const { app, window } = await launch();
  await app.evaluate(({ app: electronApp }) => {
    const probe = globalThis as Probe;
    probe.__secondLaunches = 0;
    electronApp.on('second-instance', () => (probe.__secondLaunches = (probe.__secondLaunches ?? 0) + 1));
  });
  expect(await launchSecondInstance()).toBe(0);
  await expect.poll(() => app.evaluate(() => (globalThis as Probe).__secondLaunches)).toBe(1);
  expect(app.windows()).toHaveLength(1);
  await expect(window.locator('.app[data-ready="true"]')).toBeVisible();
});

test('the window opens at the size it had when it was closed', async ({ libraryDir, launch }) => {
  test.setTimeout(90_000);
  const first = await launch();
  // The window manager (or a small virtual screen) may adjust the size: compare with what the window really had.
  const before = await first.app.evaluate(({ BrowserWindow }) => {
    const window = BrowserWindow.getAllWindows()[0];
    window?.setBounds({ width: 1100, height: 720 });
    return window?.getNormalBounds();
  });
  await first.app.close();
  const saved = JSON.parse(readFileSync(path.join(libraryDir, 'window-state.json'), 'utf8')) as { bounds: { width: number; height: number } };
  expect(saved.bounds).toMatchObject({ width: before?.width, height: before?.height });

  const second = await launch();
  const size = await second.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds());
  expect(size).toMatchObject({ width: saved.bounds.width, height: saved.bounds.height });
  await second.app.close();
});

test('quitting with a generation on its way asks first; after a restart the generation finishes', async ({ launch }) => {
  test.setTimeout(150_000);
  const prompt = 'a lantern festival seen from a bridge';
  const first = await launch();
  // The native dialog cannot be clicked from a test: answer it in the main process instead.
  await first.app.evaluate(({ dialog }) => {
    const probe = globalThis as Probe;
    probe.__asked = [];
    probe.__answer = 1; // Cancel
    const answer = async (...args: unknown[]) => {
      probe.__asked?.push((args.at(-1) as { message: string }).message);
      return { response: probe.__answer ?? 1, checkboxChecked: false };
    };
    dialog.showMessageBox = answer as typeof dialog.showMessageBox;
  });
  await first.window.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt);
  await first.window.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(feedTile(first.window, prompt)).toBeVisible();

  await first.app.evaluate(({ app }) => app.quit());
  await expect.poll(() => first.app.evaluate(() => (globalThis as Probe).__asked)).toEqual(['1 generation is still on its way. Quit anyway?']);
  await expect(first.window.locator('.app[data-ready="true"]')).toBeVisible(); // Cancel kept it running

  await first.app.evaluate(() => ((globalThis as Probe).__answer = 0)); // Quit
  await first.app.close();

  const second = await launch();
  await expect(tiles(second.window)).toHaveCount(1, { timeout: 60_000 });
  await expectImagesLoaded(tiles(second.window).first(), 4);
  await expect(feedTile(second.window, prompt)).toHaveCount(0);
  await second.app.close();
});

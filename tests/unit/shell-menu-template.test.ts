import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, menuCommands, type MenuItemSpec } from '../../electron/core/desktop/menu-template.ts';
import { appCommands } from '../../shared/contract.ts';

const options = { appName: 'Atelier', developer: false };
const byCommand = (template: MenuItemSpec[]) => Object.fromEntries(menuCommands(template).map((item) => [item.command, item]));
const roles = (items: readonly MenuItemSpec[] = []): string[] => items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu)]);

describe('menu template', () => {
  it('on macOS starts with the app menu and puts Settings there with Cmd+,', () => {
    const template = buildMenuTemplate('darwin', options);
    expect(template.map((menu) => menu.role ?? menu.label)).toEqual(['appMenu', 'File', 'editMenu', 'View', 'windowMenu', 'help']);
    const appMenu = template[0]?.submenu ?? [];
    expect(appMenu.find((item) => item.command === 'open-settings')?.accelerator).toBe('CmdOrCtrl+,');
    expect(roles(appMenu)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it.each(['win32', 'linux'] as const)('on %s has no app menu, Settings under File with Ctrl+, and a quit item', (platform) => {
    const template = buildMenuTemplate(platform, options);
    expect(template.map((menu) => menu.role ?? menu.label)).toEqual(['&File', 'editMenu', '&View', 'windowMenu', 'help']);
    const file = template[0]?.submenu ?? [];
    expect(file.find((item) => item.command === 'open-settings')?.accelerator).toBe('Ctrl+,');
    expect(file.at(-1)).toEqual({ role: 'quit', label: platform === 'win32' ? 'Exit' : 'Quit' });
    expect(roles(template)).toContain('about');
  });

  it.each(['darwin', 'win32', 'linux'] as const)('on %s offers every app command once, plus Open Logs Folder', (platform) => {
    const commands = menuCommands(buildMenuTemplate(platform, options)).map((item) => item.command);
    expect([...commands].sort()).toEqual([...appCommands, 'open-logs-folder'].sort());
  });

  it('uses the conventional, platform-neutral shortcuts', () => {
    const items = byCommand(buildMenuTemplate('linux', options));
    expect(items['new-generation']?.accelerator).toBe('CmdOrCtrl+N');
    expect(items['focus-search']?.accelerator).toBe('CmdOrCtrl+F');
    expect(items['toggle-queue']?.accelerator).toBe('CmdOrCtrl+J');
    expect(items['show-shortcuts']?.accelerator).toBe('CmdOrCtrl+/');
    expect(items['open-logs-folder']?.accelerator).toBeUndefined();
    // issue 13 names no shortcut for Export…
    expect(items.export?.accelerator).toBeUndefined();
    expect(items.import?.accelerator).toBeUndefined();
  });

  it.each(['darwin', 'win32', 'linux'] as const)('on %s has Export… and Import… under File, after New Generation', (platform) => {
    const file = buildMenuTemplate(platform, options).find((menu) => menu.label?.replace('&', '') === 'File')?.submenu ?? [];
    const labels = file.map((item) => item.label ?? item.role ?? item.type);
    expect(labels.slice(0, 5)).toEqual(['New Generation', 'separator', 'Export…', 'Import…', 'separator']);
    expect(file.find((item) => item.label === 'Export…')?.command).toBe('export');
    expect(file.find((item) => item.label === 'Import…')?.command).toBe('import');
  });

  it('never gives two items the same shortcut', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const accelerators = menuCommands(buildMenuTemplate(platform, options)).flatMap((item) => item.accelerator ?? []);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('adds reload and developer tools only for developer runs', () => {
    expect(roles(buildMenuTemplate('linux', options))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate('linux', { ...options, developer: true }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('is plain data (no functions), so it can be compared and logged', () => {
    const template = buildMenuTemplate('darwin', options);
    expect(JSON.parse(JSON.stringify(template))).toEqual(template);
  });
});

/** `Menu`: built from a template with Electron's checks; items can be found by id and clicked. */
import { strict } from './strict.ts';
import type { World } from './world.ts';

export interface MenuItemTemplate {
  id?: string;
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  visible?: boolean;
  click?: (item: unknown, window: unknown, event: unknown) => void;
  submenu?: MenuItemTemplate[];
}

export class StandinMenuItem {
  readonly id: string | undefined;
  readonly label: string;
  readonly role: string | undefined;
  readonly type: string;
  readonly accelerator: string | undefined;
  readonly submenu: StandinMenu | undefined;
  private readonly _click: MenuItemTemplate['click'];
  private readonly _focusedWindow: () => unknown;
  constructor(template: MenuItemTemplate, focusedWindow: () => unknown) {
    if (!template.label && !template.role && !template.type) {
      throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
    }
    this.id = template.id;
    this.label = template.label ?? '';
    this.role = template.role;
    this.type = template.type ?? (template.submenu ? 'submenu' : 'normal');
    this.accelerator = template.accelerator;
    this.submenu = template.submenu ? new StandinMenu(template.submenu, focusedWindow) : undefined;
    this._click = template.click;
    this._focusedWindow = focusedWindow;
    return strict(this, 'MenuItem');
  }
  click(): void {
    this._click?.(this, this._focusedWindow(), { triggeredByAccelerator: false });
  }
}

export class StandinMenu {
  readonly items: StandinMenuItem[];
  constructor(template: MenuItemTemplate[], focusedWindow: () => unknown) {
    if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array');
    this.items = template.map((item) => new StandinMenuItem(item, focusedWindow));
    return strict(this, 'Menu');
  }
  getMenuItemById(id: string): StandinMenuItem | null {
    for (const item of this.items) {
      if (item.id === id) return item;
      const inner = item.submenu?.getMenuItemById(id);
      if (inner) return inner;
    }
    return null;
  }
}

/** The `Menu` export: buildFromTemplate, the application menu. */
export function createMenuClass(world: World, focusedWindow: () => unknown): { Menu: object; applicationMenu(): StandinMenu | null } {
  let applicationMenu: StandinMenu | null = null;
  const Menu = strict(
    {
      buildFromTemplate: (template: MenuItemTemplate[]) => new StandinMenu(template, focusedWindow),
      setApplicationMenu(menu: StandinMenu | null) {
        if (menu !== null && !(menu instanceof StandinMenu)) throw new TypeError('Invalid menu');
        applicationMenu = menu;
        world.record('Menu.setApplicationMenu');
      },
      getApplicationMenu: () => applicationMenu,
    },
    'Menu',
  );
  return { Menu, applicationMenu: () => applicationMenu };
}

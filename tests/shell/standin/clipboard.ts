/**
 * Electron 45's W3C-shaped clipboard: `clipboard.write([new ClipboardItem({ mime: payload })])`.
 * ClipboardItem checks its argument as Electron's does and resolves Blob and Promise payloads at write.
 */
import { strict } from './strict.ts';
import type { World } from './world.ts';

type Payload = string | Blob | Promise<string | Blob>;

export class StandinClipboardItem {
  private readonly _data: Record<string, Payload>;
  constructor(items: Record<string, Payload>) {
    if (typeof items !== 'object' || items === null || Array.isArray(items)) {
      throw new TypeError("Failed to construct 'ClipboardItem': 1 argument required — an object mapping MIME types to payloads.");
    }
    if (Object.keys(items).length === 0) throw new TypeError("Failed to construct 'ClipboardItem': at least one MIME type is required.");
    this._data = { ...items };
    return strict(this, 'ClipboardItem');
  }
  get types(): string[] {
    return Object.keys(this._data);
  }
  async getType(type: string): Promise<Blob> {
    if (!Object.hasOwn(this._data, type)) throw new Error(`The type '${type}' was not found in the ClipboardItem`);
    const value = await this._data[type];
    return value instanceof Blob ? value : new Blob([Buffer.from(String(value), 'utf8')], { type });
  }
}

/** What is on the pretend system clipboard: each MIME type with its bytes. */
export type ClipboardContent = { type: string; bytes: Buffer }[];

export function createClipboard(world: World, content: { current: ClipboardContent }): object {
  return strict(
    {
      async write(items: unknown) {
        if (!Array.isArray(items) || !items.every((item) => item instanceof StandinClipboardItem)) {
          throw new TypeError('clipboard.write takes an array of ClipboardItem');
        }
        const written: ClipboardContent = [];
        for (const item of items as StandinClipboardItem[]) {
          for (const type of item.types) {
            const payload = await item.getType(type);
            // Electron hands the bytes to the OS for the MIME types it knows; image/png and text/plain are among them.
            if (!['image/png', 'text/plain', 'text/html'].includes(type)) throw new TypeError(`Type ${type} not supported on write.`);
            written.push({ type, bytes: Buffer.from(await payload.arrayBuffer()) });
          }
        }
        content.current = written;
        world.note({ type: 'clipboard', types: written.map((entry) => entry.type) });
      },
      async writeText(text: string) {
        content.current = [{ type: 'text/plain', bytes: Buffer.from(String(text), 'utf8') }];
        world.note({ type: 'clipboard-text', text: String(text) });
      },
      async readText() {
        return content.current.find((entry) => entry.type === 'text/plain')?.bytes.toString('utf8') ?? '';
      },
    },
    'clipboard',
  );
}

import { create } from 'zustand';
import type { ReferenceChoice } from '../../../shared/reference.ts';
import { REFERENCE_PART_BYTES, referenceExpired, referenceFileProblem } from '../../../shared/reference.ts';
import type { Generation } from '../../../shared/generation.ts';
import type { Result } from '../../../shared/result.ts';
import { api, mediaUrl } from '../api.ts';
import { useDraftStore } from './draft-store.ts';

/** A reference being prepared: the file read and sent to the core, then the upload's bytes. */
export interface ReferenceWork {
  requestId: string;
  /** What is shown while it works ("Checking Kinovi's address…", "Uploading…"). */
  label: string;
  sentBytes: number;
  totalBytes: number;
}

interface ReferenceState {
  /** The URL last put in the field by Use as reference or a drop, with its expiry and a local picture of it. */
  choice: (ReferenceChoice & { previewSrc: string; decidedAt: number }) | null;
  working: ReferenceWork | null;
  error: string | null;
  /** Fills the reference field from a library image: its Kinovi address while alive, else an upload. */
  fromImage(generation: Pick<Generation, 'id' | 'images'>, index: number): Promise<void>;
  /** Fills the reference field from a file dropped from the desktop (sent in parts, then uploaded). */
  fromFile(file: File): Promise<void>;
  clearError(): void;
}

let nextRequest = 1;
const newRequestId = () => `ref-${Date.now().toString(36)}-${nextRequest++}`;

/** Base64 of some bytes, without building one huge string of characters first. */
function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export const useReferenceStore = create<ReferenceState>((set, get) => {
  /** Runs one reference request with its upload progress shown; fills the field on success. */
  async function run(requestId: string, label: string, totalBytes: number, previewSrc: string, ask: () => Promise<Result<ReferenceChoice>>) {
    set({ working: { requestId, label, sentBytes: 0, totalBytes }, error: null });
    const stop = api.on('reference:progress', (progress) => {
      if (progress.requestId !== requestId) return;
      set({ working: { requestId, label: 'Uploading', sentBytes: progress.sentBytes, totalBytes: progress.totalBytes } });
    });
    try {
      const result = await ask();
      if (get().working?.requestId !== requestId) return; // a newer request took over
      if (!result.ok) return void set({ working: null, error: result.error.message });
      set({ working: null, choice: { ...result.value, previewSrc, decidedAt: Date.now() } });
      useDraftStore.getState().set('referenceImageUrl', result.value.url);
    } finally {
      stop();
    }
  }

  return {
    choice: null,
    working: null,
    error: null,
    async fromImage(generation, index) {
      const image = generation.images.find((candidate) => candidate.index === index);
      const previewSrc = image?.file ? mediaUrl(image.file) : (image?.remoteUrl ?? '');
      const requestId = newRequestId();
      await run(requestId, 'Checking the image’s Kinovi address', image?.bytes ?? 0, previewSrc, () =>
        api.invoke('reference:fromImage', { generationId: generation.id, index, requestId }),
      );
    },
    async fromFile(file) {
      const problem = referenceFileProblem(file.name, file.size);
      if (problem !== null) return void set({ error: problem, working: null });
      const requestId = newRequestId();
      const previewSrc = URL.createObjectURL(file);
      await run(requestId, 'Reading the file', file.size, previewSrc, async () => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        // In parts: one message of the whole file would not fit the preview's WebSocket frames.
        for (let offset = 0; offset < bytes.length; offset += REFERENCE_PART_BYTES) {
          const part = await api.invoke('reference:filePart', { requestId, offset, data: base64(bytes.subarray(offset, offset + REFERENCE_PART_BYTES)) });
          if (!part.ok) return part;
          if (get().working?.requestId !== requestId) return { ok: false, error: { code: 'conflict', message: 'Replaced by a newer reference.' } };
          set({ working: { requestId, label: 'Reading the file', sentBytes: part.value.receivedBytes, totalBytes: bytes.length } });
        }
        return api.invoke('reference:fromFile', { requestId, fileName: file.name });
      });
    },
    clearError: () => set({ error: null }),
  };
});

/** The upload behind the field's URL when it has expired (an upload lives 24 hours), else null. */
export function expiredReference(url: string, now: number): ReferenceChoice | null {
  const choice = useReferenceStore.getState().choice;
  return choice !== null && choice.url === url.trim() && referenceExpired(choice, now) ? choice : null;
}

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * The whole of a file, read on the calling thread from one open handle (the size and the bytes of
 * the same inode): the media thread's way to read a picture (media-thread.ts), and the core's for a
 * thumbnail it wrote moments ago (still in the page cache: microseconds). `large` past `maxBytes`:
 * such a file is streamed instead. The bytes are a buffer of their own, never a pooled slice, so a
 * thread can hand them over instead of copying them.
 */
export function readWholeFile(file: string, maxBytes: number): Buffer | 'missing' | 'large' {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return 'missing';
  }
  try {
    const { size } = fstatSync(fd);
    if (size > maxBytes) return 'large';
    const bytes = Buffer.allocUnsafeSlow(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return bytes.subarray(0, read);
  } catch {
    return 'missing';
  } finally {
    closeSync(fd);
  }
}

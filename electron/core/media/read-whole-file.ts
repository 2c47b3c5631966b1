import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

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
    // non-blocking: a FIFO put in the file's place after the gate looked must not hold the thread
    // in open() for good (and it is no regular file, so it is not read)
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return 'missing';
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return 'missing';
    const { size } = stats;
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

/**
 * V8 flags for the process the core runs in: Electron's main process in the desktop app, Node in
 * the browser preview. V8 reads them only from that process's command line, before its heap
 * exists (`v8.setFlagsFromString` once running changed nothing, session 33), so every launcher
 * passes them: `npm start` and `npm run preview` (scripts/), the benchmarks that measure the
 * core's thread (scripts/lib/core-flags.ts), and the installed app's Linux desktop entries
 * (electron-builder.yml `executableArgs`, held to this list by tests/integration/installer-config.test.ts).
 *
 * `--no-memory-reducer`: V8's memory reducer starts a full collection that shrinks the heap some
 * seconds after the core's allocation slows down (the artist paused), and its last, compacting
 * step runs on the core's thread at once: 25-60 ms at 1M on 2 cores (bench:library, `--trace-gc`:
 * `Mark-Compact (reduce) 30.4 → 16.7 MB`), where the core's own longest callback is ~3 ms. Without
 * it the core's heap is collected as usual, only not shrunk after a burst (tens of MB at most); its
 * longest collection in the same run was a ~2 ms scavenge.
 */
export const CORE_V8_FLAGS: readonly string[] = ['--no-memory-reducer'];

/** The flags as Electron takes them for its main process (it would pass them on to the window's renderers: the shell takes them out there, renderer-switches.ts). */
export const CORE_JS_FLAGS_SWITCH = `--js-flags=${CORE_V8_FLAGS.join(' ')}`;

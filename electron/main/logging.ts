import { format } from 'node:util';
import { formatLogLine, openRotatingLog, type RotatingLog } from '../core/desktop/log-file.ts';
import { scrubSecrets } from '../core/redact.ts';
import type { KeyStore } from '../core/api-key.ts';

const LEVELS = ['error', 'warn', 'info', 'log'] as const;

/**
 * Sends console.error/warn/info/log (the core's and the shell's) to `<logsDir>/atelier.log` as
 * well as to the terminal, every line scrubbed of API keys first: the known ones and anything
 * shaped like one.
 */
export function routeConsoleToLog(logsDir: string, knownSecrets: () => Iterable<string | undefined>): RotatingLog {
  const log = openRotatingLog({ dir: logsDir });
  for (const level of LEVELS) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const text = scrubSecrets(format(...args), knownSecrets());
      log.write(formatLogLine(level === 'log' ? 'info' : level, text));
      original(text);
    };
  }
  return log;
}

/** Wraps a key store so that every key it reads or writes is known to the log scrubber. */
export function rememberingKeys(store: KeyStore, secrets: Set<string>): KeyStore {
  return {
    read() {
      const saved = store.read();
      if (saved) secrets.add(saved.key);
      return saved;
    },
    write(saved) {
      if (saved) secrets.add(saved.key);
      store.write(saved);
    },
  };
}

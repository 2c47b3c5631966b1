import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLogLine, openRotatingLog } from '../../electron/core/desktop/log-file.ts';
import { scrubSecrets } from '../../electron/core/redact.ts';
import { tempDir } from '../support/temp-dir.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
const logsDir = () => {
  const dir = tempDir('atelier-logs-');
  dirs.push(dir);
  return path.join(dir.path, 'logs');
};

describe('rotating log file', () => {
  it('creates the folder and appends lines', () => {
    const dir = logsDir();
    const log = openRotatingLog({ dir });
    log.write('one');
    log.write('two\n');
    expect(log.file).toBe(path.join(dir, 'atelier.log'));
    expect(readFileSync(log.file, 'utf8')).toBe('one\ntwo\n');
  });

  it('rotates past the size limit and keeps only the newest files', () => {
    const dir = logsDir();
    const log = openRotatingLog({ dir, maxBytes: 100, keep: 3 });
    for (let i = 0; i < 30; i++) log.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(30)}`); // 40 bytes: two per file
    expect(readdirSync(dir).sort()).toEqual(['atelier.log', 'atelier.log.1', 'atelier.log.2', 'atelier.log.3']);
    expect(readFileSync(path.join(dir, 'atelier.log'), 'utf8')).toMatch(/^line 28 .*\nline 29 /);
    expect(readFileSync(path.join(dir, 'atelier.log.1'), 'utf8')).toMatch(/^line 26 /);
    expect(readFileSync(path.join(dir, 'atelier.log.3'), 'utf8')).toMatch(/^line 22 /);
    for (const name of readdirSync(dir)) expect(readFileSync(path.join(dir, name)).length).toBeLessThanOrEqual(100);
  });

  it('continues an existing file after a restart and counts its size', () => {
    const dir = logsDir();
    openRotatingLog({ dir, maxBytes: 50 }).write('a'.repeat(40));
    openRotatingLog({ dir, maxBytes: 50 }).write('b'.repeat(20));
    expect(readFileSync(path.join(dir, 'atelier.log'), 'utf8')).toBe(`${'b'.repeat(20)}\n`);
    expect(existsSync(path.join(dir, 'atelier.log.1'))).toBe(true);
  });

  it('formats a line with time and level, indenting continuation lines', () => {
    expect(formatLogLine('warn', 'first\nsecond', new Date(Date.UTC(2026, 10, 23, 23, 59)))).toBe('2026-11-23T23:59:00.000Z WARN  first\n    second');
  });
});

describe('log redaction', () => {
  const key = 'kv_live_7f3a9c2e5b1d4f8a';

  it('hides the known key wherever it appears', () => {
    expect(scrubSecrets(`request failed for key ${key} (again ${key})`, [key])).toBe('request failed for key [hidden] (again [hidden])');
  });

  it('hides bearer tokens and secret-named values without knowing the key', () => {
    expect(scrubSecrets('headers: { authorization: "Bearer abc.def-123" }')).toBe('headers: { authorization: "Bearer [hidden]" }');
    expect(scrubSecrets('apiKey=shortish1 api_key: "hunter22" x-api-key:zzz token=abc')).toBe(
      'apiKey=[hidden] api_key: "[hidden]" x-api-key:[hidden] token=[hidden]',
    );
  });

  it('hides long key-looking tokens but keeps ordinary words, paths and numbers', () => {
    expect(scrubSecrets('got sk-proj-4f9b2c7d1e8a3f6b5c0d9e2a7b4c1f8e back')).toBe('got [hidden] back');
    const ordinary = '[atelier] saved /home/ana/.config/Atelier/images/2026/11/3f/42-0.png (1048576 bytes) after 3 attempts';
    expect(scrubSecrets(ordinary)).toBe(ordinary);
  });

  it('ignores empty or very short "secrets" that would blank out ordinary words', () => {
    expect(scrubSecrets('the queue is paused', ['', undefined, 'the'])).toBe('the queue is paused');
  });
});

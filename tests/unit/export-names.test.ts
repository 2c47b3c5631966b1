import { describe, expect, it } from 'vitest';
import { DEFAULT_NAME_TEMPLATE, nameFromTemplate, safeStem, uniqueNames } from '../../shared/export-names.ts';

const facts = { createdAt: Date.UTC(2026, 10, 23, 10, 0), prompt: 'a red fox in the snow at dawn, cinematic --ar 16:9 --s 250', seed: 42, index: 0, generationId: 7 };

describe('export file names', () => {
  it('defaults to date, first words of the prompt (flags left out), seed and image number 1–4', () => {
    expect(nameFromTemplate(DEFAULT_NAME_TEMPLATE, facts)).toBe('2026-11-23_a-red-fox-in-the-snow_42_1');
    expect(nameFromTemplate('{generation}-{index}', { ...facts, index: 3 })).toBe('7-4');
    expect(nameFromTemplate('{seed}', { ...facts, seed: null })).toBe('noseed');
  });

  it('replaces characters Windows refuses and control characters', () => {
    expect(safeStem('a<b>c:d"e/f\\g|h?i*j\u0001k\u007f')).toBe('a-b-c-d-e-f-g-h-i-j-k-');
  });

  it('never gives a Windows device name, with or without an extension', () => {
    for (const name of ['CON', 'con', 'NUL', 'Aux', 'prn', 'COM1', 'lpt9', 'COM¹']) expect(safeStem(name)).toBe(`_${name}`);
    expect(safeStem('nul.tar')).toBe('_nul.tar');
    expect(safeStem('console')).toBe('console');
  });

  it('drops trailing dots and spaces and leading dots, and never returns an empty name', () => {
    expect(safeStem('fox. . ')).toBe('fox');
    expect(safeStem('..hidden')).toBe('hidden');
    expect(safeStem('')).toBe('image');
    expect(safeStem('...')).toBe('image');
    expect(nameFromTemplate('{prompt}', { ...facts, prompt: '--ar 1:1' })).toBe('image');
  });

  it('keeps unicode, composed (NFC, as macOS would otherwise split it), and bounded in bytes without cutting a character', () => {
    expect(safeStem('Cafe\u0301')).toBe('Café');
    const long = safeStem('狐'.repeat(200));
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(100);
    expect(long).toBe('狐'.repeat(33));
    const emoji = safeStem('🦊'.repeat(60));
    expect(emoji).toBe('🦊'.repeat(25));
  });

  it('never collides within one export, comparing without case', () => {
    const name = uniqueNames();
    expect(name('fox', 'png')).toBe('fox.png');
    expect(name('FOX', 'png')).toBe('FOX-2.png');
    expect(name('fox', 'png')).toBe('fox-3.png');
    expect(name('fox-2', 'png')).toBe('fox-2-2.png');
    expect(name('fox', 'json')).toBe('fox.json');
  });
});

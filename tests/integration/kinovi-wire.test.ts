import { describe, expect, it } from 'vitest';
import { toCreateTaskBody } from '../../electron/core/kinovi/index.ts';
import { checkCreateTask } from '../../electron/core/sandbox/validate.ts';

describe('toCreateTaskBody', () => {
  it('sends only what is set, with the documented names, and never null', () => {
    const body = toCreateTaskBody({ model: 'midjourney-v7', prompt: 'a fox --ar 16:9' }, 99);
    expect(JSON.stringify(body)).toBe('{"model":"midjourney-v7","inputs":{"prompt":"a fox --ar 16:9","seed":99}}');
  });

  it('maps every setting to its wire name: raw → style, negative prompt → no, reference → sourceImageUrl', () => {
    const body = toCreateTaskBody(
      {
        model: 'midjourney-v7-niji',
        prompt: 'koi pond',
        aspectRatio: '3:4',
        stylize: 0,
        chaos: 100,
        weird: 3000,
        quality: 0.25,
        raw: true,
        negativePrompt: 'text, watermark',
        seed: 0,
        referenceImageUrl: 'https://example.com/koi.png',
      },
      5,
    );
    expect(body).toEqual({
      model: 'midjourney-v7-niji',
      inputs: {
        prompt: 'koi pond',
        aspectRatio: '3:4',
        stylize: 0,
        chaos: 100,
        weird: 3000,
        quality: 0.25,
        style: 'raw',
        no: 'text, watermark',
        seed: 0,
        sourceImageUrl: 'https://example.com/koi.png',
      },
    });
    expect(checkCreateTask(body).ok).toBe(true);
  });

  it('leaves style out when raw is off, and prefers the seed the settings fix', () => {
    const body = toCreateTaskBody({ model: 'midjourney-v8', prompt: 'x', raw: false, seed: 7 }, 5);
    expect(body.inputs).toEqual({ prompt: 'x', seed: 7 });
  });
});

describe("the Sandbox's createTask validation", () => {
  it('refuses nulls, unknown inputs and out-of-range values, naming each field', () => {
    const check = checkCreateTask({
      model: 'midjourney-v6',
      inputs: { prompt: ' ', aspectRatio: '7:3', stylize: null, seed: -1, quality: 2, style: 'cute', no: 5, sourceImageUrl: 'http://x', colour: 'red' },
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.map((e) => e.field).sort()).toEqual(
      ['inputs.aspectRatio', 'inputs.colour', 'inputs.no', 'inputs.prompt', 'inputs.quality', 'inputs.seed', 'inputs.sourceImageUrl', 'inputs.style', 'inputs.stylize', 'model'].sort(),
    );
  });

  it('refuses a body that is not an object', () => {
    expect(checkCreateTask('nope')).toEqual({ ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] });
    expect(checkCreateTask({ model: 'midjourney-v7' })).toMatchObject({ ok: false, errors: [{ field: 'inputs' }] });
  });
});

import { z } from 'zod';
import { EXPORT_MAX_SIDE_LIMIT, withThousands } from './input-limits.ts';

/**
 * What an export writes for each image: the stored file as it is (a PNG with Atelier's text chunks),
 * or a JPEG or WebP at a chosen quality, made no larger than a longest side when one is given.
 */
export const exportPictureSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('original') }).strict(),
  z
    .object({
      format: z.enum(['jpeg', 'webp']),
      quality: z.number().int().min(1, 'Quality goes from 1 to 100.').max(100, 'Quality goes from 1 to 100.'),
      maxSide: z
        .number()
        .int()
        .min(16, 'The longest side is at least 16 pixels.')
        .max(EXPORT_MAX_SIDE_LIMIT, `The longest side is at most ${withThousands(EXPORT_MAX_SIDE_LIMIT)} pixels.`)
        .nullable(),
    })
    .strict(),
]);

export type ExportPicture = z.output<typeof exportPictureSchema>;

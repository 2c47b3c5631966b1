import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { ExportPicture } from '../../../shared/export-picture.ts';
import type { Generation } from '../../../shared/generation.ts';
import { LIBRARY_MAX_PIXELS } from '../media/image-size.ts';
import { provenanceChunks, provenanceOf } from '../media/png-metadata.ts';

/** A JPEG or WebP made from a stored image, held until it is written into the export (one at a time). */
export interface ConvertedPicture {
  bytes: Buffer;
  width: number;
  height: number;
  sha256: string;
}

export type ConvertTo = Exclude<ExportPicture, { format: 'original' }>;

/** The file extension a converted image is written with. */
export const CONVERTED_EXTENSION = { jpeg: 'jpg', webp: 'webp' } as const;

// XML 1.0 refuses most control characters; a prompt never needs them
// eslint-disable-next-line no-control-regex -- control characters are exactly what is left out
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu;
const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
const xmlText = (text: string) => text.replace(NOT_XML, '').replace(/[<>&"]/g, (c) => ENTITIES[c]!);

/**
 * XMP, the metadata JPEG and WebP carry as UTF-8 (EXIF text is ASCII only): the same provenance as
 * the PNG's text chunks, the A1111-style text as the Description many tools show and Atelier's JSON
 * record for exact values.
 */
function provenanceXmp(generation: Generation): string {
  const chunks = new Map(provenanceChunks(provenanceOf(generation)).map((chunk) => [chunk.keyword, chunk.text]));
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ` xmlns:atelier="https://atelier.studio/ns/1.0/" xmp:CreatorTool="Atelier" atelier:record="${xmlText(chunks.get('atelier') ?? '')}">`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(chunks.get('parameters') ?? '')}</rdf:li></rdf:Alt></dc:description>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  ].join('');
}

/**
 * A stored image as a JPEG or WebP at the chosen quality, no larger than the chosen longest side
 * (never enlarged), with its provenance as XMP. sharp decodes and encodes on its own threads; only
 * the hash of the result runs here (a few milliseconds for a large JPEG).
 */
export async function convertPicture(source: string, to: ConvertTo, generation: Generation): Promise<ConvertedPicture> {
  let pipeline = sharp(source, { limitInputPixels: LIBRARY_MAX_PIXELS });
  if (to.maxSide !== null) pipeline = pipeline.resize({ width: to.maxSide, height: to.maxSide, fit: 'inside', withoutEnlargement: true });
  pipeline = to.format === 'jpeg' ? pipeline.jpeg({ quality: to.quality }) : pipeline.webp({ quality: to.quality });
  const { data, info } = await pipeline.keepIccProfile().withXmp(provenanceXmp(generation)).toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height, sha256: createHash('sha256').update(data).digest('hex') };
}

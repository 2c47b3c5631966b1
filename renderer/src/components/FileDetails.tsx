import type { Generation, ImageInfo } from '../../../shared/generation.ts';
import { bytes } from '../lib/format.ts';

/**
 * Sizes and content hashes of the four files. Two hashes each, said apart: the image as Kinovi
 * served it (the same on every rerun with the same seed: proof of the same pixels) and the file
 * as saved, which differs for PNGs because Atelier writes the prompt and settings into them.
 */
export function FileDetails({ generation }: { generation: Generation }) {
  return (
    <section className="detail-section" aria-label="File details">
      <h3>Files</h3>
      <ol className="file-details">
        {generation.images.map((image) => (
          <li key={image.index}>
            <span className="file-index">{image.index + 1}</span>
            <span>{image.width && image.height ? `${image.width}×${image.height}` : image.state === 'done' ? '' : image.state}</span>
            <span>{image.bytes === null ? '' : bytes(image.bytes)}</span>
            {image.state === 'done' ? <FileHashes image={image} /> : <span className="file-problem">{image.errorMessage ?? ''}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function FileHashes({ image }: { image: ImageInfo }) {
  const savedNote =
    image.fileSha256 === null ? 'not recorded (saved by an older Atelier)' : image.fileSha256 === image.sha256 ? 'the same file, stored as served' : null;
  return (
    <dl className="file-hashes">
      <dt>Original file (as served)</dt>
      <dd className="mono sha" data-testid="image-sha" title={image.sha256 ?? undefined}>
        {image.sha256 ? `SHA-256 ${image.sha256.slice(0, 16)}` : '—'}
      </dd>
      <dt>Saved file (with Atelier’s metadata)</dt>
      <dd className="mono sha" data-testid="image-file-sha" title={image.fileSha256 ?? undefined}>
        {savedNote ?? `SHA-256 ${(image.fileSha256 ?? '').slice(0, 16)}`}
      </dd>
    </dl>
  );
}

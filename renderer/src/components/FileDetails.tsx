import type { Generation } from '../../../shared/generation.ts';
import { bytes } from '../lib/format.ts';

/** Sizes and content hashes of the four files: proof that two runs gave the same pixels. */
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
            <span className="mono sha" data-testid="image-sha" title={image.sha256 ?? undefined}>
              {image.sha256 ? `SHA-256 ${image.sha256.slice(0, 16)}` : '—'}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

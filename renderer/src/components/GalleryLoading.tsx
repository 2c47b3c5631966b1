/** Calm placeholder tiles while the first page arrives (same grid, so nothing jumps). */
export function GalleryLoading() {
  return (
    <div className="gallery-loading" role="status" aria-busy="true" aria-label="Loading the library">
      {Array.from({ length: 8 }, (_, i) => (
        <span key={i} className="tile skeleton" />
      ))}
    </div>
  );
}

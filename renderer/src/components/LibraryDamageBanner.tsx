import { TriangleAlert } from 'lucide-react';

/** Stays above the gallery until Atelier restarts: damage in the library file is not something to dismiss. */
export function LibraryDamageBanner({ message }: { message: string }) {
  return (
    <div className="library-damaged" role="alert" data-testid="library-damaged">
      <TriangleAlert size={18} aria-hidden="true" />
      <span>{message}</span>
    </div>
  );
}

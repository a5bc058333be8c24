import { useEffect } from 'react';

/** Esc closes the dialog that uses this, as people expect of any dialog. */
export function useEscape(onEscape: () => void): void {
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onEscape();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [onEscape]);
}

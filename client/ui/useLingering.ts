import { useEffect, useState } from 'preact/hooks';

/**
 * True once `active` has stayed true for `afterMs` with no `progress` in between (any change of
 * that value starts the wait again); false again as soon as it is not active. For a state that
 * is normal when brief and news only when it lasts, such as edits waiting for the server's
 * acknowledgement: every keystroke makes some for the few milliseconds of a store commit, and a
 * person typing without pause always has some, while acknowledgements keep arriving.
 */
export function useLingering(active: boolean, afterMs: number, progress?: unknown): boolean {
  const [lingered, setLingered] = useState(false);
  useEffect(() => {
    setLingered(false);
    if (!active) return;
    const timer = setTimeout(() => setLingered(true), afterMs);
    return () => clearTimeout(timer);
  }, [active, afterMs, progress]);
  return active && lingered;
}

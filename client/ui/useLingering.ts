import { useEffect, useState } from 'preact/hooks';

/**
 * True once `active` has stayed true for `afterMs`; false again as soon as it is not. For a state
 * that is normal when brief and news only when it lasts, such as edits waiting for the server's
 * acknowledgement, which every keystroke makes for the few milliseconds of a store commit.
 */
export function useLingering(active: boolean, afterMs: number): boolean {
  const [lingered, setLingered] = useState(false);
  useEffect(() => {
    setLingered(false);
    if (!active) return;
    const timer = setTimeout(() => setLingered(true), afterMs);
    return () => clearTimeout(timer);
  }, [active, afterMs]);
  return active && lingered;
}

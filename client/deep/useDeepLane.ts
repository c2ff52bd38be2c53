import { useEffect, useState } from 'preact/hooks';
import { selectDeepLane, type DeepLaneView } from '../../shared/session/selectDeepLane.ts';
import type { SessionActor } from '../ai/SessionActor.ts';

/**
 * The deep lane as the panel renders it, from the session actor. The machine's snapshot changes
 * on every keystroke (the fast lane); the panel re-renders only when the deep lane's own context
 * or state changed.
 */
export function useDeepLane(actor: SessionActor): DeepLaneView | null {
  const [view, setView] = useState(() => selectDeepLane(actor.getSnapshot()));
  useEffect(() => {
    let context = actor.getSnapshot().context.deep;
    let state = view?.state;
    const subscription = actor.subscribe((snapshot) => {
      const next = selectDeepLane(snapshot);
      if (snapshot.context.deep === context && next?.state === state) return;
      context = snapshot.context.deep;
      state = next?.state;
      setView(next);
    });
    setView(selectDeepLane(actor.getSnapshot()));
    return () => subscription.unsubscribe();
  }, [actor]);
  return view;
}

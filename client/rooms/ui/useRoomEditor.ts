import { useEffect, useState } from 'preact/hooks';
import type { RequestMetric } from '../../../shared/metrics/RequestMetric.ts';
import type { Presence } from '../../editor/presence/attachPresence.ts';
import type { RunState } from '../../ui/RunController.ts';
import type { SessionFacts } from '../report/createRoomEventReporter.ts';
import type { monaco } from '../../editor/monaco.ts';
import type { WorkspaceModels } from '../../editor/WorkspaceModels.ts';
import { Store } from '../../ui/Store.ts';
import { useStore } from '../../ui/useStore.ts';
import type { RoomAbilities, RoomSession, RoomView } from '../RoomSession.ts';

/** Stands in outside a room (hooks are called either way). */
const NO_VIEW = new Store<RoomView>({ roomId: '', phase: 'connecting', you: undefined, policy: undefined, members: [], unstored: 0, refusal: undefined, backAt: undefined });
const NO_NAME = new Store<string>('');

export interface RoomEditor {
  /** Other people's cursors and the follow mode, once the editor is up and the room said who this is. */
  presence: Presence | undefined;
  /** What this person may do in the room now; undefined outside a room. */
  abilities: RoomAbilities | undefined;
}

export interface RoomEditorOptions {
  models: WorkspaceModels | undefined;
  editor: monaco.editor.IStandaloneCodeEditor | undefined;
  /** Opens a file's tab (follow mode goes where the followed person is). */
  openFile(path: string): void;
  /** What this person's page reports to the room's log: their AI session and their runs. */
  ai: { actor: SessionFacts; metrics: Store<readonly RequestMetric[]> } | undefined;
  runs: Store<RunState | undefined>;
}

/**
 * The room in the editor: read-only when this person may not edit (an observer, or editing
 * locked, with the reason as Monaco's read-only message); presence (remote cursors with names,
 * follow mode) attached once the room has said who this person is; and the page's facts (runs,
 * AI requests and answers, large pastes, time away) reported to the room's event log. Presence
 * and the reporter's editor half are loaded with the editor's chunk (they need Monaco), never
 * with the page.
 */
export function useRoomEditor(session: RoomSession | undefined, options: RoomEditorOptions): RoomEditor {
  const { models, editor, openFile } = options;
  const view = useStore(session?.view ?? NO_VIEW);
  const name = useStore(session?.name ?? NO_NAME);
  const [presence, setPresence] = useState<Presence | undefined>(undefined);
  const abilities = session ? session.abilities(view) : undefined;
  const readOnlyReason = abilities && !abilities.edit.ok ? abilities.edit.reason : undefined;

  useEffect(() => {
    if (!editor) return;
    editor.updateOptions({ readOnly: readOnlyReason !== undefined, readOnlyMessage: { value: readOnlyReason ?? '' } });
  }, [editor, readOnlyReason]);

  const you = session ? view.you : undefined;
  useEffect(() => {
    if (!session || !models || !editor || !you) return;
    let attached: Presence | undefined;
    let cancelled = false;
    void import('../../editor/presence/attachPresence.ts').then(({ attachPresence }) => {
      if (cancelled) return;
      attached = attachPresence({ editor, models, awareness: session.awareness, me: { personId: you.personId, name: name || you.name, role: you.role }, openFile });
      setPresence(attached);
    });
    return () => {
      cancelled = true;
      attached?.dispose();
      setPresence(undefined);
    };
  }, [session, models, editor, you?.personId, you?.role, name]);

  // An observer's page reports nothing (the room would refuse it anyway).
  const reports = session !== undefined && you !== undefined && you.role !== 'observer';
  useEffect(() => {
    if (!session || !reports || !editor) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void Promise.all([import('../report/createRoomEventReporter.ts'), import('../report/monacoPastes.ts'), import('../../editor/WorkspaceModels.ts')]).then(
      ([{ createRoomEventReporter }, { monacoPastes }, { pathOf }]) => {
        if (cancelled) return;
        const reporter = createRoomEventReporter({
          send: (event) => session.report(event),
          ...(options.ai ? { session: options.ai } : {}),
          runs: options.runs,
          pastes: monacoPastes(editor, (model) => pathOf(model.uri)),
          focus: { window, document },
        });
        stop = () => reporter.dispose();
      },
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [session, reports, editor, options.ai]);

  return { presence, abilities };
}

import type { monaco } from '../editor/monaco.ts';

/** The part of Monaco's (internal) inline-completions model that asks providers again. */
export interface InlineCompletionsModelHandle {
  trigger(tx: undefined, options: { provider: unknown }): Promise<void>;
}

const CONTROLLER_ID = 'editor.contrib.inlineCompletionsController';

/**
 * The editor's inline-completions model, if Monaco has one for its current text model.
 *
 * Why reach past the public API: Monaco caches a fetch by (position, text version, providers)
 * and answers a new request at the same place from that cache, so a provider's
 * `onDidChangeInlineCompletions` cannot show a suggestion that grows while the person waits
 * (and it is ignored outright while a suggestion of another provider is shown). A trigger
 * naming a provider the cached fetch did not ask is a real fetch. Checked at run time: when a
 * Monaco upgrade changes the shape, this returns undefined and ghost text only updates on edits.
 */
export function inlineCompletionsModelOf(editor: monaco.editor.ICodeEditor): InlineCompletionsModelHandle | undefined {
  const controller: unknown = editor.getContribution(CONTROLLER_ID);
  if (typeof controller !== 'object' || controller === null || !('model' in controller)) return undefined;
  const observable: unknown = controller.model;
  if (typeof observable !== 'object' || observable === null || !('get' in observable) || typeof observable.get !== 'function') return undefined;
  const model: unknown = observable.get();
  if (typeof model !== 'object' || model === null || !('trigger' in model) || typeof model.trigger !== 'function') return undefined;
  const trigger = model.trigger as (tx: undefined, options: { provider: unknown }) => Promise<void>;
  return { trigger: (tx, options) => trigger.call(model, tx, options) };
}

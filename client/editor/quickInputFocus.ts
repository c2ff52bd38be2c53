import type { monaco } from './monaco.ts';

/** Monaco's context key for "keyboard focus is in the quick input" (Go to line, the command palette). */
const IN_QUICK_INPUT = 'inQuickInput';

/**
 * Keeps Monaco's `inQuickInput` context true exactly while the keyboard focus is inside the
 * editor's quick input, changed at the focus change itself.
 *
 * Monaco clears it a timer after the quick input loses focus (its focus tracker's blur runs in a
 * `setTimeout(0)`). Chromium runs pending input before pending timers when the page is busy, so a
 * key pressed just after Go to line closed could still meet `inQuickInput`: an Enter went to
 * `quickInput.accept`, which had nothing left to accept, and the line break was lost (up and down
 * arrows, Escape and page keys are bound the same way). A key is resolved in the context of the
 * element it is pressed in, and the quick input is an overlay inside the editor, so a key of the
 * editor's own scope decides for both: true in the quick input, false in the text.
 */
export function trackQuickInputFocus(editor: monaco.editor.IStandaloneCodeEditor): monaco.IDisposable {
  const inQuickInput = editor.createContextKey<boolean>(IN_QUICK_INPUT, false);
  const node = editor.getContainerDomNode();
  const follow = (event: FocusEvent): void => {
    inQuickInput.set(event.target instanceof Element && event.target.closest('.quick-input-widget') !== null);
  };
  node.addEventListener('focusin', follow, true);
  return {
    dispose() {
      node.removeEventListener('focusin', follow, true);
      inQuickInput.reset();
    },
  };
}

import type { monaco } from './monaco.ts';

/**
 * Monaco's context keys that say "the keyboard focus is in this widget", with the widget each
 * belongs to. `mirrored` keys are the page's (the quick input's), shadowed here in the editor's
 * own scope; the others are the editor's already.
 */
const WIDGET_FOCUS_KEYS: ReadonlyArray<{ key: string; widget: string; mirrored?: true }> = [
  { key: 'inQuickInput', widget: '.quick-input-widget', mirrored: true },
  { key: 'findWidgetFocused', widget: '.find-widget' },
  { key: 'findInputFocussed', widget: '.find-widget' },
  { key: 'replaceInputFocussed', widget: '.find-widget' },
  { key: 'editorHoverFocused', widget: '.monaco-hover' },
  { key: 'suggestWidgetDetailsFocused', widget: '.suggest-details' },
];

/**
 * Keeps Monaco's "focus is in this widget" context keys true only while it is, changed at the
 * focus change itself.
 *
 * Monaco clears each of them a timer after its widget loses focus (its focus tracker's blur runs
 * in a `setTimeout(0)`). Chromium runs pending input before pending timers when the page is busy,
 * so a key pressed just after a widget closed could still be resolved as the widget's: an Enter
 * right after Go to line went to `quickInput.accept` and the line break was lost; one right after
 * Escape in Find went to "next match"; arrows and Escape were taken the same way. Now, when the
 * focus moves anywhere in the editor, the keys of every widget it is not in are false at once.
 *
 * A key is resolved in the context of the element it is pressed in. The quick input is an overlay
 * inside the editor, so its page-wide `inQuickInput` is shadowed by one of the editor's scope that
 * says where the focus is: true in the quick input, false in the text.
 */
export function trackWidgetFocus(editor: monaco.editor.IStandaloneCodeEditor): monaco.IDisposable {
  const keys = WIDGET_FOCUS_KEYS.map(({ key, widget, mirrored }) => ({ context: editor.createContextKey<boolean>(key, false), widget, mirrored }));
  const node = editor.getContainerDomNode();
  const follow = (event: FocusEvent): void => {
    const target = event.target instanceof Element ? event.target : undefined;
    for (const { context, widget, mirrored } of keys) {
      const inside = target !== undefined && target.closest(widget) !== null;
      // Monaco sets its own keys when its widget gains focus; only a stale true is put right here.
      if (mirrored) context.set(inside);
      else if (!inside) context.set(false);
    }
  };
  node.addEventListener('focusin', follow, true);
  return {
    dispose() {
      node.removeEventListener('focusin', follow, true);
    },
  };
}

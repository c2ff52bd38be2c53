/**
 * The one place the app imports Monaco from. It loads the editor core, its standard editing
 * features and only the languages a TypeScript playground needs (TS and JS with their language
 * service; Markdown, CSS and HTML colouring), instead of `monaco-editor`'s index, which pulls in
 * ~80 grammars and the LSP client. Workers are bundled locally through Vite's `?worker` imports,
 * so the editor works with no network.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import 'monaco-editor/features/register.all.js';
import 'monaco-editor/languages/definitions/typescript/register.js';
import 'monaco-editor/languages/definitions/javascript/register.js';
import 'monaco-editor/languages/definitions/markdown/register.js';
import 'monaco-editor/languages/definitions/css/register.js';
import 'monaco-editor/languages/definitions/html/register.js';
import * as typescript from 'monaco-editor/languages/features/typescript/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker();
  },
};

export { monaco, typescript };

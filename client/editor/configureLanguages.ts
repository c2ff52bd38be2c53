import { monaco, typescript } from './monaco.ts';
import { testGlobalsDts } from './testGlobalsDts.ts';
// Python colouring (Monarch) for .py files, which run in Pyodide; Python has no language service here.
import 'monaco-editor/languages/definitions/python/register.js';

/** TypeScript's numeric value for moduleResolution "bundler" (Monaco's enum only names the old two). */
const MODULE_RESOLUTION_BUNDLER = 100;

/**
 * Sets the TypeScript and JavaScript language services up the way the runtime builds code:
 * ES modules, bundler resolution, `.ts` extensions allowed in imports, strict checks, and the
 * test API declared. Every workspace file is a model under file:///, so imports between files
 * resolve as they do in the runtime.
 */
export function configureLanguages(): void {
  const compilerOptions: typescript.CompilerOptions = {
    target: typescript.ScriptTarget.ESNext,
    module: typescript.ModuleKind.ESNext,
    moduleResolution: MODULE_RESOLUTION_BUNDLER as typescript.ModuleResolutionKind,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    noImplicitOverride: true,
    noFallthroughCasesInSwitch: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    resolveJsonModule: true,
    isolatedModules: true,
    skipLibCheck: true,
    allowJs: true,
    allowNonTsExtensions: true,
    jsx: typescript.JsxEmit.Preserve,
  };
  typescript.typescriptDefaults.setCompilerOptions(compilerOptions);
  typescript.javascriptDefaults.setCompilerOptions({ ...compilerOptions, checkJs: false });
  // Type errors in plain JS would be noise; syntax errors still show.
  typescript.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
  typescript.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  // Models are created for every file up front; sync them all so cross-file types resolve at once.
  typescript.typescriptDefaults.setEagerModelSync(true);
  typescript.javascriptDefaults.setEagerModelSync(true);

  const libUri = 'file:///node_modules/@types/pairlane-test/index.d.ts';
  typescript.typescriptDefaults.addExtraLib(testGlobalsDts, libUri);
  typescript.javascriptDefaults.addExtraLib(testGlobalsDts, libUri);

  // Python is indented by four spaces (PEP 8), whatever the editor's default for other files.
  monaco.editor.onDidCreateModel((model) => {
    if (model.getLanguageId() === 'python') model.updateOptions({ tabSize: 4, indentSize: 4, insertSpaces: true });
  });

  monaco.editor.defineTheme('pairlane-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '6b7394' },
      { token: 'keyword', foreground: 'c792ea' },
      { token: 'string', foreground: 'a5d6a7' },
      { token: 'number', foreground: 'f7b36b' },
      { token: 'type', foreground: '82aaff' },
      { token: 'type.identifier', foreground: '82aaff' },
      { token: 'identifier', foreground: 'd6deeb' },
      { token: 'delimiter', foreground: '9aa5ce' },
      { token: 'regexp', foreground: 'f78c6c' },
    ],
    colors: {
      'editor.background': '#0f1219',
      'editor.foreground': '#d6deeb',
      'editorLineNumber.foreground': '#3b4259',
      'editorLineNumber.activeForeground': '#9aa5ce',
      'editor.lineHighlightBackground': '#161b26',
      'editor.lineHighlightBorder': '#00000000',
      'editor.selectionBackground': '#2d3a5c',
      'editor.inactiveSelectionBackground': '#232c45',
      'editorCursor.foreground': '#8fb3ff',
      'editorIndentGuide.background1': '#1c2130',
      'editorIndentGuide.activeBackground1': '#2f3650',
      'editorWhitespace.foreground': '#2a3042',
      'editorWidget.background': '#151a25',
      'editorWidget.border': '#2a3142',
      'editorSuggestWidget.background': '#151a25',
      'editorSuggestWidget.border': '#2a3142',
      'editorSuggestWidget.selectedBackground': '#233050',
      'editorHoverWidget.background': '#151a25',
      'editorHoverWidget.border': '#2a3142',
      'editorGutter.background': '#0f1219',
      'editorError.foreground': '#ff6b6b',
      'editorWarning.foreground': '#e5b454',
      'editorOverviewRuler.border': '#00000000',
      'scrollbarSlider.background': '#ffffff14',
      'scrollbarSlider.hoverBackground': '#ffffff24',
      'scrollbarSlider.activeBackground': '#ffffff30',
      'minimap.background': '#0f1219',
    },
  });
}

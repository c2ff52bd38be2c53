/**
 * Module specifiers a JS/TS source imports or re-exports (static `import … from`, side-effect
 * `import '…'`, `export … from`, dynamic `import('…')`, `require('…')`), in order of appearance,
 * each once. A scan, not a parse: a specifier inside a comment or a string may be listed too,
 * which only costs a snippet that is less useful.
 */
export function importsOf(source: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;
  for (const match of source.matchAll(pattern)) {
    const specifier = match[2];
    if (specifier !== undefined) found.add(specifier);
  }
  return [...found];
}

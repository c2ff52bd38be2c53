const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs', '.json', '/index.ts', '/index.tsx', '/index.js', '/index.jsx'];

/**
 * The workspace path a relative specifier in `fromPath` points to, trying the extensions and
 * index files TypeScript would (and `.js` written for a `.ts` file); undefined for a package
 * import or a file that does not exist.
 */
export function resolveImport(fromPath: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const folder = fromPath.includes('/') ? fromPath.slice(0, fromPath.lastIndexOf('/')).split('/') : [];
  for (const part of specifier.split('/')) {
    if (part === '..') {
      if (folder.length === 0) return undefined;
      folder.pop();
    } else if (part !== '.' && part !== '') {
      folder.push(part);
    }
  }
  const base = folder.join('/');
  const candidates = EXTENSIONS.map((extension) => base + extension);
  // `import './x.js'` in TypeScript names x.ts.
  const jsForTs = /\.(m|c)?js$/.exec(base);
  if (jsForTs) candidates.push(base.slice(0, -jsForTs[0].length) + `.${jsForTs[1] ?? ''}ts`, base.slice(0, -jsForTs[0].length) + '.tsx');
  return candidates.find((candidate) => candidate !== fromPath && exists(candidate));
}

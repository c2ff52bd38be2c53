// @ts-check
import path from 'node:path';

/**
 * Imports may cross the top-level folders only as the architecture allows:
 * client → shared, server → shared, shared → nothing. e2e/, bench/ and scripts/ drive the
 * product from outside and may import any part. Resolving the specifier (instead of matching
 * strings) catches "../../server/x" however deep the importing file sits.
 */
const allowed = {
  client: new Set(['client', 'shared']),
  server: new Set(['server', 'shared']),
  shared: new Set(['shared']),
};

const root = process.cwd();

/** @param {string} file */
function partOf(file) {
  const rel = path.relative(root, file);
  const top = rel.split(path.sep)[0];
  return top && top in allowed ? /** @type {keyof typeof allowed} */ (top) : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'client → shared and server → shared are the only imports across parts' },
    schema: [],
    messages: {
      crossing: '{{from}}/ may not import from {{to}}/ (allowed: {{allowed}}). Move what both need into shared/.',
    },
  },
  create(context) {
    const from = partOf(context.filename);
    if (!from) return {};
    /** @param {import('estree').Node & { source?: import('estree').Expression | null }} node */
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      if (!spec.startsWith('.')) return;
      const to = partOf(path.resolve(path.dirname(context.filename), spec));
      if (!to || allowed[from].has(to)) return;
      context.report({ node: source, messageId: 'crossing', data: { from, to, allowed: [...allowed[from]].join(', ') } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'part-boundaries': rule } };

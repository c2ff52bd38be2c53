import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Both ends of a Socket.IO connection must use Pairlane's parser (shared/socket/oneFrameParser.ts):
// a stock client drops the connection on the first packed frame it gets. This finds every
// `new Server(...)` from 'socket.io' and every `io(...)` from 'socket.io-client' in the repo and
// checks that its options carry SOCKET_PARSER_OPTIONS.

const root = path.resolve(import.meta.dirname, '..');
const parts = ['client', 'server', 'shared', 'e2e', 'bench', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The local names a file gives to `Server` from 'socket.io' and to `io` (or the default) from 'socket.io-client'. */
function socketConstructors(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    const wanted = from === 'socket.io' ? 'Server' : from === 'socket.io-client' ? 'io' : undefined;
    const clause = statement.importClause;
    if (!wanted || !clause || clause.isTypeOnly) continue;
    if (clause.name && from === 'socket.io-client') names.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (!element.isTypeOnly && (element.propertyName ?? element.name).text === wanted) names.add(element.name.text);
      }
    }
  }
  return names;
}

/** Every `new Server(...)` / `io(...)` call in the file whose options lack SOCKET_PARSER_OPTIONS, as `file:line`. */
function missingParser(fileName: string): string[] {
  const text = readFileSync(fileName, 'utf8');
  if (!text.includes("'socket.io")) return [];
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names = socketConstructors(file);
  const missing: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression) && names.has(node.expression.text)) {
      const options = node.arguments?.find((argument) => ts.isObjectLiteralExpression(argument));
      if (!options?.getText(file).includes('SOCKET_PARSER_OPTIONS')) {
        missing.push(`${path.relative(root, fileName)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return missing;
}

describe('SOCKET_PARSER_OPTIONS', () => {
  it('is in the options of every Socket.IO server and client the repo creates', () => {
    const files = parts.flatMap((part) => sourceFiles(path.join(root, part)));
    const checked = files.filter((file) => socketConstructors(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022)).size > 0);
    // The finder itself must see the connections it guards (createServer, ServerConnection, tests, benches).
    expect(checked.map((file) => path.relative(root, file))).toEqual(expect.arrayContaining(['server/createServer.ts', 'client/net/ServerConnection.ts', 'bench/roomsBenchPairlaneClient.ts']));
    expect(files.flatMap(missingParser)).toEqual([]);
  });
});

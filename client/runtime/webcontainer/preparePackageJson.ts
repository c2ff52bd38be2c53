/** Tools every run needs in the container, with the versions installed when the workspace does not pin them. */
export const DEFAULT_TOOL_VERSIONS = {
  /** Same major as the vitest the JSON mapping is tested against (see fixtures/). */
  vitest: '^4.1.0',
  /** Runs TypeScript programs (esbuild under the hood) and maps their stacks back to the source. */
  tsx: '^4.20.0',
} as const;

export type ToolVersions = { readonly [K in keyof typeof DEFAULT_TOOL_VERSIONS]: string };

export interface PreparedPackageJson {
  /** The package.json text to write into the container. */
  text: string;
  /** Set when the workspace's package.json could not be read; the run goes on with a fresh one. */
  warning?: string;
}

type Json = { [key: string]: unknown };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The package.json the container installs from. Without one in the workspace: a private ESM
 * package with vitest and tsx as devDependencies. With one: the workspace's own, with vitest and
 * tsx added to devDependencies only if neither dependency list names them (a pinned version is
 * kept). Key order is stable, so the same workspace gives the same text, and the install cache
 * (keyed on this text) holds.
 */
export function preparePackageJson(workspacePackageJson: string | undefined, versions: ToolVersions = DEFAULT_TOOL_VERSIONS): PreparedPackageJson {
  let base: Json = { name: 'pairlane-workspace', private: true, type: 'module' };
  let warning: string | undefined;
  if (workspacePackageJson !== undefined) {
    try {
      const parsed: unknown = JSON.parse(workspacePackageJson);
      if (!isObject(parsed)) throw new Error('it is not a JSON object');
      base = parsed;
    } catch (error) {
      warning = `package.json could not be read (${error instanceof Error ? error.message : String(error)}); using a fresh one with vitest and tsx.`;
    }
  }
  const dependencies = isObject(base.dependencies) ? base.dependencies : {};
  const devDependencies: Json = isObject(base.devDependencies) ? { ...base.devDependencies } : {};
  for (const [tool, version] of Object.entries(versions)) {
    if (!(tool in dependencies) && !(tool in devDependencies)) devDependencies[tool] = version;
  }
  const text = `${JSON.stringify({ ...base, devDependencies }, null, 2)}\n`;
  return warning === undefined ? { text } : { text, warning };
}

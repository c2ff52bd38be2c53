import type { Diagnostic } from '../../../shared/testReport.ts';
import type { WorkspaceFiles } from '../Runtime.ts';
import { bundleWorkspace, readTsconfig, type BuildFunction, type BuiltBundle, type WorkspaceBuild } from './bundleWorkspace.ts';

/**
 * Keeps each entry's last bundle and rebuilds only the entries whose own input files changed:
 * editing one test file rebuilds that file alone. Any file added, removed or renamed (which can
 * change what an import resolves to), or a changed tsconfig.json, clears the cache.
 */
export class BundleCache {
  private readonly bundles = new Map<string, BuiltBundle>();
  /** The text each cached bundle was built from, per input ("<entry>\n<input>" → contents). */
  private readonly sources = new Map<string, string>();
  private layout = '';

  constructor(private readonly build: BuildFunction) {}

  async bundle(files: WorkspaceFiles, entries: readonly string[]): Promise<WorkspaceBuild> {
    const startedAt = performance.now();
    const layout = `${Object.keys(files).sort().join('\n')}\n${files['tsconfig.json'] ?? ''}`;
    if (layout !== this.layout) {
      this.bundles.clear();
      this.sources.clear();
      this.layout = layout;
    }
    const stale = entries.filter((entry) => {
      const cached = this.bundles.get(entry);
      return !cached || cached.inputs.some((input) => files[input] !== this.sources.get(`${entry}\n${input}`));
    });
    const fresh = stale.length > 0 ? await bundleWorkspace(this.build, files, stale) : undefined;
    for (const bundle of fresh?.bundles ?? []) {
      this.bundles.set(bundle.entry, bundle);
      for (const input of bundle.inputs) this.sources.set(`${bundle.entry}\n${input}`, files[input] ?? '');
    }
    const failed = new Set(fresh?.failed.map((f) => f.entry));
    for (const entry of failed) this.bundles.delete(entry);

    const bundles = entries.flatMap((entry) => {
      const bundle = failed.has(entry) ? undefined : this.bundles.get(entry);
      return bundle ? [bundle] : [];
    });
    const tsconfigWarning = fresh ? undefined : readTsconfig(files).warning;
    const diagnostics: Diagnostic[] = [...(fresh?.diagnostics ?? []), ...(tsconfigWarning ? [tsconfigWarning] : [])];
    for (const bundle of bundles) {
      if (stale.includes(bundle.entry)) continue;
      for (const warning of bundle.warnings) if (!diagnostics.some((d) => JSON.stringify(d) === JSON.stringify(warning))) diagnostics.push(warning);
    }
    return { bundles, failed: fresh?.failed ?? [], diagnostics, durationMs: performance.now() - startedAt };
  }
}

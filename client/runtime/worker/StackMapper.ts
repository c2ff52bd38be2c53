import { TraceMap, traceSegment } from '@jridgewell/trace-mapping';
import type { SourceLocation } from '../../../shared/testReport.ts';
import { BUNDLE_POSITION_PATTERN, type BundlePosition } from '../../sandbox/bundleUrl.ts';
import { stripAnsi } from '../stripAnsi.ts';
import { WORKSPACE_NAMESPACE } from './workspacePlugin.ts';

interface LoadedMap {
  trace: TraceMap;
  /** Workspace path per source index; undefined for the runner's own modules. */
  files: (string | undefined)[];
}

const FRAME_LINE = /^\s*at\s/;

/**
 * Maps positions in generated bundles back to the workspace files they came from, using the
 * source maps the bundler kept in memory. Stacks lose every frame that is not user code (the
 * runner, the browser's internals), as vitest's do.
 */
export class StackMapper {
  private readonly maps = new Map<number, LoadedMap>();

  /** `maps`: bundle id → source map JSON, as the bundler produced it. */
  constructor(private readonly sourceMaps: ReadonlyMap<number, string>) {}

  /** A bundle position in the original file, or undefined if it is not in a workspace file. */
  mapPosition(position: BundlePosition): SourceLocation | undefined {
    const loaded = this.load(position.bundle);
    if (!loaded) return undefined;
    const segment = traceSegment(loaded.trace, position.line - 1, Math.max(0, position.column - 1));
    // A one-field segment maps generated code to no source at all.
    if (!segment || segment.length < 4) return undefined;
    const [, sourceIndex, line, column] = segment;
    if (sourceIndex === undefined || line === undefined || column === undefined) return undefined;
    const file = loaded.files[sourceIndex];
    if (file === undefined) return undefined;
    return { file, line: line + 1, column: column + 1 };
  }

  /** The innermost frame of a stack that lands in a workspace file. */
  firstLocation(stack: string | undefined): SourceLocation | undefined {
    if (!stack) return undefined;
    for (const line of stack.split('\n')) {
      if (!FRAME_LINE.test(line)) continue;
      const mapped = this.mapFrame(line);
      if (mapped) return mapped.location;
    }
    return undefined;
  }

  /** The stack with user frames mapped to "src/a.ts:3:5" and all other frames removed. */
  mapStack(stack: string): string {
    const out: string[] = [];
    for (const line of stripAnsi(stack).split('\n')) {
      if (!FRAME_LINE.test(line)) {
        // Message lines (before the first frame) stay; anything else between frames is noise.
        if (out.every((kept) => !FRAME_LINE.test(kept))) out.push(line);
        continue;
      }
      const mapped = this.mapFrame(line);
      if (mapped) out.push(mapped.text);
    }
    return out.join('\n').trimEnd();
  }

  /** Rewrites every bundle position in free text (console output that printed a stack). */
  mapText(text: string): string {
    if (!text.includes('pairlane://bundle/')) return text;
    return text.replace(new RegExp(BUNDLE_POSITION_PATTERN.source, 'g'), (whole, bundle: string, line: string, column: string) => {
      const location = this.mapPosition({ bundle: Number(bundle), line: Number(line), column: Number(column) });
      return location ? `${location.file}:${location.line}:${location.column}` : whole;
    });
  }

  private mapFrame(line: string): { text: string; location: SourceLocation } | undefined {
    const match = new RegExp(BUNDLE_POSITION_PATTERN.source).exec(line);
    if (!match) return undefined;
    const location = this.mapPosition({ bundle: Number(match[1]), line: Number(match[2]), column: Number(match[3]) });
    if (!location) return undefined;
    const text = line.replace(match[0], `${location.file}:${location.line}:${location.column}`);
    return { text, location };
  }

  private load(bundle: number): LoadedMap | undefined {
    const cached = this.maps.get(bundle);
    if (cached) return cached;
    const json = this.sourceMaps.get(bundle);
    if (json === undefined) return undefined;
    const raw = JSON.parse(json) as { sources?: string[] };
    const prefix = `${WORKSPACE_NAMESPACE}:`;
    const files = (raw.sources ?? []).map((source) => (source.startsWith(prefix) ? source.slice(prefix.length) : undefined));
    const loaded: LoadedMap = { trace: new TraceMap(json), files };
    this.maps.set(bundle, loaded);
    return loaded;
  }
}

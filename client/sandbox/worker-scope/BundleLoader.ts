import { BUNDLE_URL_PREFIX, firstBundlePosition, type BundlePosition } from '../bundleUrl.ts';
import type { BundleModule } from '../sandboxProtocol.ts';

/**
 * Loads bundles as ES modules from blob URLs (the sandbox may import blob: but nothing from the
 * network) and translates those URLs back to bundle ids in any text that leaves the worker.
 */
export class BundleLoader {
  private readonly urls = new Map<string, number>();

  load(bundle: BundleModule): Promise<unknown> {
    const url = URL.createObjectURL(new Blob([bundle.code], { type: 'text/javascript' }));
    this.urls.set(url, bundle.id);
    return import(/* @vite-ignore */ url);
  }

  /** Replaces each bundle's blob URL with `pairlane://bundle/<id>`. */
  rewrite = (text: string): string => {
    if (!text.includes('blob:')) return text;
    let out = text;
    for (const [url, id] of this.urls) out = out.split(url).join(`${BUNDLE_URL_PREFIX}${id}`);
    return out;
  };

  /**
   * Where user code called from: the innermost bundle frame of the current stack. Called for
   * every declared test, so it captures only the few frames between the API and its caller.
   */
  locate = (): BundlePosition | undefined => {
    const limited = Error as { stackTraceLimit?: number };
    const previous = limited.stackTraceLimit;
    limited.stackTraceLimit = 8;
    const stack = new Error().stack ?? '';
    limited.stackTraceLimit = previous;
    return firstBundlePosition(this.rewrite(stack));
  };
}

import type * as Y from 'yjs';

/**
 * Resolves once `predicate` holds, checking now and after every update of `doc` (no polling, no
 * sleeping); rejects after `timeoutMs` with `describe()` in the message.
 */
export function waitForDoc(doc: Y.Doc, predicate: () => boolean, timeoutMs = 10_000, describe: () => string = () => ''): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!predicate()) return;
      clearTimeout(timer);
      doc.off('afterTransaction', check);
      resolve();
    };
    const timer = setTimeout(() => {
      doc.off('afterTransaction', check);
      reject(new Error(`the document did not get there in ${timeoutMs} ms ${describe()}`));
    }, timeoutMs);
    doc.on('afterTransaction', check);
  });
}

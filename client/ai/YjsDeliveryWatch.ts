import type * as Y from 'yjs';

/**
 * Tells whether a Y.Doc is delivering a transaction to its observers right now. The editor
 * binding (bindYText) applies every change that did not come from its own model synchronously
 * inside those observers, so a model change seen while `delivering` is true came from Yjs (a
 * peer, persistence, a template), not from the person typing.
 */
export class YjsDeliveryWatch {
  private active = false;
  private readonly onBefore = (): void => {
    this.active = true;
  };
  private readonly onAfter = (): void => {
    this.active = false;
  };

  constructor(private readonly doc: Y.Doc) {
    doc.on('beforeObserverCalls', this.onBefore);
    doc.on('afterTransaction', this.onAfter);
  }

  get delivering(): boolean {
    return this.active;
  }

  dispose(): void {
    this.doc.off('beforeObserverCalls', this.onBefore);
    this.doc.off('afterTransaction', this.onAfter);
    this.active = false;
  }
}

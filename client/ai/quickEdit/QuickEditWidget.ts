import { monaco } from '../../editor/monaco.ts';

/** Widest the widget gets, in pixels: an instruction is a sentence, not a page. */
const MAX_WIDTH = 680;
/** Space kept above and below the widget inside its zone. */
const GAP = 6;

/**
 * The place the quick-edit panel lives: a view zone above the selection makes room between the
 * lines, and an overlay widget is laid over that room. (An input inside a view zone itself would
 * have the editor's mouse handling take its clicks; an overlay widget is left alone, as the find
 * widget is.) The zone follows the panel's height as its content changes.
 */
export class QuickEditWidget implements monaco.editor.IOverlayWidget {
  /** The panel renders into this. */
  readonly content: HTMLDivElement;
  private readonly root: HTMLDivElement;
  private zoneId: string | undefined;
  private zone: monaco.editor.IViewZone | undefined;
  private readonly resize: ResizeObserver;
  private readonly listeners: monaco.IDisposable[];
  private shown = false;

  constructor(private readonly editor: monaco.editor.IStandaloneCodeEditor) {
    this.root = document.createElement('div');
    this.root.className = 'quick-edit-widget';
    this.root.style.display = 'none';
    this.content = document.createElement('div');
    this.root.append(this.content);
    this.resize = new ResizeObserver(() => this.fitZone());
    this.resize.observe(this.content);
    editor.addOverlayWidget(this);
    this.listeners = [editor.onDidLayoutChange(() => this.fitWidth())];
  }

  getId(): string {
    return 'pairlane.quickEdit';
  }

  getDomNode(): HTMLElement {
    return this.root;
  }

  getPosition(): monaco.editor.IOverlayWidgetPosition | null {
    // Positioned by hand, at the zone's top as the editor renders it.
    return null;
  }

  /** Shows the widget above model line `lineNumber` (moving it there if it is elsewhere). */
  show(lineNumber: number): void {
    const afterLineNumber = lineNumber - 1;
    if (this.shown && this.zone?.afterLineNumber === afterLineNumber) return;
    this.removeZone();
    this.shown = true;
    this.root.style.display = '';
    // Out of sight until the editor has laid the zone out and said where it is.
    this.root.style.top = '-10000px';
    this.fitWidth();
    const domNode = document.createElement('div');
    domNode.className = 'quick-edit-spacer';
    this.zone = {
      afterLineNumber,
      heightInPx: this.content.offsetHeight + 2 * GAP || 64,
      domNode,
      ordinal: 0,
      suppressMouseDown: true,
      onDomNodeTop: (top) => {
        this.root.style.top = `${top + GAP}px`;
      },
    };
    const zone = this.zone;
    this.editor.changeViewZones((zones) => {
      this.zoneId = zones.addZone(zone);
    });
  }

  hide(): void {
    if (!this.shown) return;
    this.shown = false;
    this.root.style.display = 'none';
    this.removeZone();
  }

  /** Brings the widget and the lines below it into view. */
  reveal(lastLine: number): void {
    if (!this.zone) return;
    const first = Math.max(1, this.zone.afterLineNumber);
    this.editor.revealLinesInCenterIfOutsideViewport(first, Math.max(first, lastLine), monaco.editor.ScrollType.Smooth);
  }

  dispose(): void {
    this.hide();
    this.resize.disconnect();
    this.listeners.forEach((listener) => listener.dispose());
    this.editor.removeOverlayWidget(this);
  }

  private fitZone(): void {
    const zone = this.zone;
    const id = this.zoneId;
    if (!zone || id === undefined) return;
    const height = this.content.offsetHeight + 2 * GAP;
    if (height === zone.heightInPx || height <= 2 * GAP) return;
    zone.heightInPx = height;
    this.editor.changeViewZones((zones) => zones.layoutZone(id));
  }

  private fitWidth(): void {
    const layout = this.editor.getLayoutInfo();
    const room = layout.contentWidth - layout.verticalScrollbarWidth - 24;
    this.root.style.left = `${layout.contentLeft}px`;
    this.root.style.width = `${Math.max(240, Math.min(MAX_WIDTH, room))}px`;
  }

  private removeZone(): void {
    const id = this.zoneId;
    this.zoneId = undefined;
    this.zone = undefined;
    if (id !== undefined) this.editor.changeViewZones((zones) => zones.removeZone(id));
  }
}

const FENCE = '```';

/**
 * Takes a Markdown code fence off a streamed answer: chat models wrap code in ```lang … ``` even
 * when told not to, and a quick edit's answer is the selection's new text, fences excluded.
 * Text goes out as soon as it cannot be part of a fence: the first line waits until it is known
 * not to open one, and once a fence was opened, a last line that could close it waits for more.
 * An answer that opens no fence passes through unchanged.
 */
export class CodeFenceStripper {
  private head = '';
  private headDone = false;
  private opened = false;
  private tail = '';

  /** The part of `text` (with what was held back) that can be shown now. */
  push(text: string): string {
    if (!this.headDone) {
      this.head += text;
      if (this.head.length < FENCE.length && FENCE.startsWith(this.head)) return '';
      if (this.head.startsWith(FENCE)) {
        const lineEnd = this.head.indexOf('\n');
        if (lineEnd === -1) return '';
        this.opened = true;
        text = this.head.slice(lineEnd + 1);
      } else {
        text = this.head;
      }
      this.headDone = true;
      this.head = '';
    }
    if (!this.opened) return text;
    const all = this.tail + text;
    // The earliest point from which the rest could still turn out to be the closing fence line.
    const closing = /(^|\n)(`{0,3}|```\s*)$/.exec(all);
    const cut = closing ? closing.index : all.length;
    this.tail = all.slice(cut);
    return all.slice(0, cut);
  }

  /** What is left once the answer is complete: a closing fence is dropped, anything else is given back. */
  end(): string {
    if (!this.headDone) {
      this.headDone = true;
      return this.head.startsWith(FENCE) ? '' : this.head;
    }
    const rest = this.tail;
    this.tail = '';
    return this.opened && /^\n?```\s*$/.test(rest) ? '' : rest;
  }
}

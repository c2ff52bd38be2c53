/**
 * What the session machine knows of the editor at the cursor. The glue sends one with every
 * editor event; the machine never sees the document itself.
 *
 * Offsets and lengths are UTF-16 code units, the same as Monaco's model offsets.
 */
export interface CursorContext {
  /** Workspace path of the file the cursor is in. */
  readonly path: string;
  /** Offset of the cursor in the document. */
  readonly offset: number;
  /**
   * Up to `SessionOptions.windowChars` characters right before the cursor (fewer only at the start
   * of the document). The machine compares these windows to tell whether the person typed on
   * from an earlier position, so the same window size must be used for every event.
   */
  readonly before: string;
  /** The rest of the cursor's line, right of the cursor, without the line break. */
  readonly lineSuffix: string;
}

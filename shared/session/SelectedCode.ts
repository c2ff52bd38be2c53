/** A selection with its text, as carried into a deep-lane task. */
export interface SelectedCode {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

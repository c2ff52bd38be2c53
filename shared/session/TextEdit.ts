/** One replacement in a document: the text from `start` to `end` (UTF-16 offsets) becomes `text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

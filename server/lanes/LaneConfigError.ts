/** A bad lane setting: names every variable at fault, and what it should be. */
export class LaneConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The AI lane configuration is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'LaneConfigError';
  }
}

/** Test files by the names vitest and jest look for: *.test.*, *.spec.*, and anything under __tests__/. */
export function isTestFile(path: string): boolean {
  if (!/\.(?:[cm]?[jt]sx?)$/.test(path)) return false;
  return /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(path) || /(?:^|\/)__tests__\//.test(path);
}

import { describe, expect, it } from 'vitest';
import { RECORD_PREFIX } from './containerRecord.ts';
import { TOOLING_PATHS, toolingFiles } from './toolingFiles.ts';

describe('toolingFiles', () => {
  const files = toolingFiles({ testFiles: ['src/a.test.ts', 'src/[id].test.ts'], testTimeoutMs: 1500 });

  it('writes a vitest config for exactly the requested files', () => {
    const config = files[TOOLING_PATHS.vitestConfig] ?? '';
    expect(config).toContain('include: ["src/a.test.ts","src/\\\\[id\\\\].test.ts"]');
    expect(config).toContain('testTimeout: 1500');
    expect(config).toContain("'@jest/globals'");
    expect(config).toContain('includeTaskLocation: true');
  });

  it('frames records the way the page reads them', () => {
    const escaped = JSON.stringify(RECORD_PREFIX).slice(1, -1); // "\u001ePAIRLANE "
    for (const path of [TOOLING_PATHS.vitestReporter, TOOLING_PATHS.programPreload]) {
      expect(files[path]).toContain(`const PREFIX = '${escaped}';`);
    }
  });
});

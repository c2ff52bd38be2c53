import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureClientBuild } from './ensureClientBuild.ts';
import { formatReport } from './formatReport.ts';
import { parseCliArgs, USAGE, USAGE_LINE } from './parseCliArgs.ts';
import { readWorkspaceFolder } from './readWorkspaceFolder.ts';
import { runTestsInBrowser } from './runTestsInBrowser.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `pairlane test <folder> [--json]`: the folder's tests in headless Chromium with the worker
 * runtime (Python test files with Pyodide). Resolves with the exit code: 0 all passed, 1 anything else, 2 usage error.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const command = parseCliArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'usage-error') {
    process.stderr.write(`pairlane: ${command.message}\n${USAGE_LINE}\nRun "pairlane --help" for details.\n`);
    return 2;
  }

  const folder = path.resolve(command.folder);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    process.stderr.write(`pairlane: ${command.folder} is not a folder.\n${USAGE_LINE}\n`);
    return 2;
  }

  try {
    const { files, skipped } = await readWorkspaceFolder(folder);
    for (const { path: file, reason } of skipped) process.stderr.write(`pairlane: skipped ${file} (${reason})\n`);
    const clientDir = await ensureClientBuild(REPO_ROOT);
    const timeout = command.timeoutMs === undefined ? {} : { timeoutMs: command.timeoutMs };
    const { report, output } = await runTestsInBrowser({ clientDir, files, ...timeout });
    if (command.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else if (report.files.length === 0 && report.diagnostics.length === 0) {
      // The runtime decides what a test file is (client/runtime/isTestFile.ts); none is a failure.
      process.stderr.write(`pairlane: no test files in ${command.folder} (*.test.*, *.spec.*, __tests__/, test_*.py, *_test.py).\n`);
      return 1;
    } else {
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(formatReport(report, { color, output }));
    }
    return report.status === 'passed' && report.files.length > 0 ? 0 : 1;
  } catch (error) {
    process.stderr.write(`pairlane: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

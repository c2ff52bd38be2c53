/** What the command line asked for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'test'; folder: string; json: boolean; timeoutMs?: number }
  | { kind: 'usage-error'; message: string };

/** The one-line synopsis. */
export const USAGE_LINE = 'Usage: pairlane test <folder> [--json] [--timeout <ms>]';

/** The --help text. */
export const USAGE = `${USAGE_LINE}

Runs the tests in <folder> (files named *.test.*, *.spec.* or under __tests__/) in headless
Chromium with Pairlane's offline worker runtime, the same one the playground uses. Python tests
(test_*.py, *_test.py: unittest cases and plain test_* functions) run in Pyodide, offline;
pytest itself is not available.

Options:
  --json            print the TestReport as JSON on stdout, nothing else
  --timeout <ms>    time limit for the whole run (default 30000)
  -h, --help        show this help

Exit codes: 0 all tests passed, 1 a test failed, a file did not build or the run timed out,
2 usage error.

Environment:
  PAIRLANE_CHROMIUM    Chromium to launch (default /usr/bin/chromium)
  PAIRLANE_CLIENT_DIR  built client to serve (default dist/client; built when missing)`;

/** Reads `pairlane <command> ...` arguments (without node and the script path). */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  if (argv.some((a) => a === '-h' || a === '--help') || argv[0] === 'help') return { kind: 'help' };
  if (argv.length === 0) return { kind: 'usage-error', message: 'Missing command.' };
  const [command, ...rest] = argv;
  if (command !== 'test') return { kind: 'usage-error', message: `Unknown command "${command}".` };
  let json = false;
  let timeoutMs: number | undefined;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i] ?? '';
    if (arg === '--json') {
      json = true;
    } else if (arg === '--timeout' || arg.startsWith('--timeout=')) {
      const value = arg === '--timeout' ? rest[(i += 1)] : arg.slice('--timeout='.length);
      const parsed = Number(value);
      if (!value || !Number.isInteger(parsed) || parsed <= 0) {
        return { kind: 'usage-error', message: `--timeout needs a positive number of milliseconds, got "${value ?? ''}".` };
      }
      timeoutMs = parsed;
    } else if (arg.startsWith('-') && arg !== '-') {
      return { kind: 'usage-error', message: `Unknown option "${arg}".` };
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) {
    return { kind: 'usage-error', message: positional.length === 0 ? 'Missing <folder>.' : `Expected one folder, got ${positional.length}.` };
  }
  const folder = positional[0] ?? '';
  return timeoutMs === undefined ? { kind: 'test', folder, json } : { kind: 'test', folder, json, timeoutMs };
}

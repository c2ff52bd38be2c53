import type { BundlePosition } from '../bundleUrl.ts';
import { createSuite, type Hook, type HookFunction, type SuiteNode, type TaskMode, type TestFunction } from './testTree.ts';

export type HookKind = keyof SuiteNode['hooks'];

export interface TestDeclaration {
  name: string;
  mode: TaskMode;
  fn?: TestFunction;
  timeoutMs?: number;
  fails?: boolean;
  declaredAt?: BundlePosition;
}

/**
 * Builds one test file's tree while the file is imported: tests and hooks go to the suite being
 * collected, describe blocks are recorded and their bodies run afterwards (in order, awaited), as
 * vitest collects them.
 */
export class TestCollector {
  readonly root: SuiteNode;
  private current: SuiteNode;
  private collecting = true;

  constructor(readonly file: string) {
    this.root = createSuite(file, 'run');
    this.current = this.root;
  }

  addTest(declaration: TestDeclaration): void {
    this.assertCollecting('test');
    const { name, mode, fn, timeoutMs, fails, declaredAt } = declaration;
    this.current.children.push({ kind: 'test', name, mode, parent: this.current, fn, timeoutMs, fails, declaredAt });
  }

  addSuite(name: string, mode: TaskMode, factory: (() => unknown) | undefined, declaredAt: BundlePosition | undefined): void {
    this.assertCollecting('describe');
    const suite = createSuite(name, mode, this.current);
    suite.factory = factory;
    suite.declaredAt = declaredAt;
    this.current.children.push(suite);
  }

  addHook(kind: HookKind, fn: HookFunction, timeoutMs: number | undefined): void {
    this.assertCollecting(kind);
    const hook: Hook = { fn, timeoutMs };
    this.current.hooks[kind].push(hook);
  }

  /** Runs the describe bodies recorded so far (and those they declare), then closes the tree. */
  async collect(): Promise<void> {
    await this.collectChildren(this.root);
    this.collecting = false;
  }

  private async collectChildren(suite: SuiteNode): Promise<void> {
    // Children may grow while a body runs; index so newly declared suites are reached too.
    for (let i = 0; i < suite.children.length; i += 1) {
      const child = suite.children[i];
      if (child?.kind !== 'suite') continue;
      const previous = this.current;
      this.current = child;
      try {
        if (child.factory) await child.factory();
      } catch (error) {
        child.collectError = error;
      } finally {
        this.current = previous;
      }
      if (child.collectError === undefined) await this.collectChildren(child);
    }
  }

  private assertCollecting(what: string): void {
    if (!this.collecting) {
      throw new Error(`${what}() was called while tests were running: declare tests and hooks at the top level of the file or inside describe()`);
    }
  }
}

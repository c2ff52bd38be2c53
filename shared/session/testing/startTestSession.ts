import { SimulatedClock } from 'xstate';
import { createSessionActor } from '../createSessionActor.ts';
import { selectGhostText, type GhostText } from '../selectGhostText.ts';
import type { SessionEvent } from '../SessionEvent.ts';
import type { SessionOptions } from '../SessionOptions.ts';
import { RecordingServices } from './RecordingServices.ts';
import { TestDocument } from './TestDocument.ts';

/** A started session on a simulated clock, with recorded services and a document to type into. */
export function startTestSession(options: { text?: string; options?: Partial<SessionOptions>; idPrefix?: string; lanes?: { runtime?: boolean; deep?: boolean } } = {}) {
  const clock = new SimulatedClock();
  const services = new RecordingServices(options.lanes);
  const doc = new TestDocument(options.text ?? '');
  const actor = createSessionActor({ services, clock, options: options.options, idPrefix: options.idPrefix }).start();
  const session = {
    actor,
    clock,
    services,
    doc,
    send(event: SessionEvent): void {
      actor.send(event);
    },
    /** Types `text` into the document, one `editor.typed` per character (the clock advances `gapMs` before each). */
    type(text: string, gapMs = 0): void {
      for (const ch of text) {
        if (gapMs > 0) clock.increment(gapMs);
        actor.send({ type: 'editor.typed', cursor: doc.type(ch) });
      }
    },
    backspace(count = 1): void {
      for (let i = 0; i < count; i++) actor.send({ type: 'editor.typed', cursor: doc.backspace() });
    },
    get fast(): string {
      const value = actor.getSnapshot().value;
      return value.fastLane;
    },
    get quick(): string {
      return actor.getSnapshot().value.quickEdit;
    },
    get runtime(): string {
      return actor.getSnapshot().value.runtime;
    },
    get deep(): string {
      return actor.getSnapshot().value.deepLane;
    },
    get ghost(): GhostText | null {
      return selectGhostText(actor.getSnapshot());
    },
    get context() {
      return actor.getSnapshot().context;
    },
    /** Streams `text` for `requestId` as one batch per part, starting at `seq`. */
    stream(requestId: string, parts: readonly string[], { from = 0, done = true }: { from?: number; done?: boolean } = {}): void {
      parts.forEach((text, i) => actor.send({ type: 'fast.batch', requestId, seq: from + i, text, done: done && i === parts.length - 1 }));
    },
  };
  return session;
}

export type TestSession = ReturnType<typeof startTestSession>;

import { z } from 'zod';
import { CancelReason } from './session/CancelReason.ts';
import { DeepInterruptMessage, DeepStartMessage, DeepSteerMessage, DeepToolResultMessage } from './deepLane/protocol.ts';

/**
 * Every message a client may send, one zod schema each, keyed by `type`. The Socket.IO event
 * name is the message's `type`; the server validates each payload against its schema before any
 * handler sees it (server/dispatchClientMessage.ts).
 */

/** Round-trip probe: the status bar shows the latency, later the fast lane adapts its debounce to it. */
export const PingMessage = z.object({
  type: z.literal('ping'),
  /** Client-chosen id echoed in the pong. */
  id: z.number().int().nonnegative(),
  /** Client clock (ms) when sent; echoed back so the client needs no state to measure. */
  sentAt: z.number(),
});
export type PingMessage = z.infer<typeof PingMessage>;

/** Bounds on what an AI request may carry; the dispatcher's byte limit applies on top. */
export const AI_REQUEST_LIMITS = {
  /** A whole document, or a prefix/suffix window (characters). */
  maxTextChars: 256 * 1024,
  /** A quick-edit instruction (characters). */
  maxInstructionChars: 4 * 1024,
  maxSnippets: 16,
  maxSnippetChars: 16 * 1024,
  maxTurns: 32,
  maxTurnChars: 64 * 1024,
  maxPathChars: 1024,
  maxRequestIdChars: 128,
} as const;

/** The client's id for one AI request; every answer carries it. */
export const RequestId = z.string().min(1).max(AI_REQUEST_LIMITS.maxRequestIdChars);

const WorkspacePath = z.string().min(1).max(AI_REQUEST_LIMITS.maxPathChars);
const BoundedText = z.string().max(AI_REQUEST_LIMITS.maxTextChars);

/** Where the cursor is: the windows around it, or the whole document and the cursor's offset (UTF-16). */
export const SuggestContext = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('windows'), prefix: BoundedText, suffix: BoundedText }),
  z
    .object({ kind: z.literal('document'), text: BoundedText, cursorOffset: z.number().int().nonnegative() })
    .refine((context) => context.cursorOffset <= context.text.length, { message: 'cursorOffset is past the end of text', path: ['cursorOffset'] }),
]);
export type SuggestContext = z.infer<typeof SuggestContext>;

/** A piece of another open file the model may look at. */
export const FileSnippet = z.object({ path: WorkspacePath, text: z.string().max(AI_REQUEST_LIMITS.maxSnippetChars) });
export type FileSnippet = z.infer<typeof FileSnippet>;

/** Fast lane: complete the document at the cursor. Answered by suggestion-batch… then suggestion-done, or suggestion-error. */
export const SuggestMessage = z.object({
  type: z.literal('suggest'),
  requestId: RequestId,
  path: WorkspacePath,
  /** Monaco's language id, e.g. "typescript". */
  language: z.string().min(1).max(64).optional(),
  context: SuggestContext,
  snippets: z.array(FileSnippet).max(AI_REQUEST_LIMITS.maxSnippets).optional(),
  /** `explicit` when the person asked; `auto` after the debounce. */
  trigger: z.enum(['auto', 'explicit']),
});
export type SuggestMessage = z.infer<typeof SuggestMessage>;

/** One earlier turn of a quick edit's conversation (for a redirect). */
export const QuickEditTurn = z.object({
  role: z.enum(['user', 'assistant']),
  text: z.string().max(AI_REQUEST_LIMITS.maxTurnChars),
  /** An answer cut short by the redirect. */
  partial: z.boolean().optional(),
});
export type QuickEditTurn = z.infer<typeof QuickEditTurn>;

/** Quick edit: rewrite `selection` of `text` following `instruction`; the streamed text is the selection's new text. */
export const QuickEditMessage = z
  .object({
    type: z.literal('quick-edit'),
    requestId: RequestId,
    path: WorkspacePath,
    language: z.string().min(1).max(64).optional(),
    /** The whole current text of `path`. */
    text: BoundedText,
    /** UTF-16 offsets into `text`; start === end is a caret (insert there). */
    selection: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
    /** The newest instruction. */
    instruction: z.string().min(1).max(AI_REQUEST_LIMITS.maxInstructionChars),
    /** The conversation before it, oldest first (empty for a first request). */
    turns: z.array(QuickEditTurn).max(AI_REQUEST_LIMITS.maxTurns).default([]),
  })
  .refine((message) => message.selection.start <= message.selection.end && message.selection.end <= message.text.length, {
    message: 'selection must satisfy start <= end <= text.length',
    path: ['selection'],
  });
export type QuickEditMessage = z.infer<typeof QuickEditMessage>;

/** Stop a suggest or quick-edit request: the server aborts its upstream call at once and sends nothing more for it. */
export const CancelMessage = z.object({
  type: z.literal('cancel'),
  requestId: RequestId,
  /** For logs only; the server aborts whatever the reason. */
  reason: CancelReason.optional(),
});
export type CancelMessage = z.infer<typeof CancelMessage>;

export const ClientMessage = z.discriminatedUnion('type', [
  PingMessage,
  SuggestMessage,
  QuickEditMessage,
  CancelMessage,
  // The deep lane's messages live with the rest of its protocol (shared/deepLane/protocol.ts).
  DeepStartMessage,
  DeepSteerMessage,
  DeepInterruptMessage,
  DeepToolResultMessage,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage['type'];

/** Schema per message type, for the dispatcher and for tests. */
export const clientMessageSchemas: { [K in ClientMessageType]: z.ZodType<Extract<ClientMessage, { type: K }>> } = {
  ping: PingMessage,
  suggest: SuggestMessage,
  'quick-edit': QuickEditMessage,
  cancel: CancelMessage,
  'deep-start': DeepStartMessage,
  'deep-steer': DeepSteerMessage,
  'deep-interrupt': DeepInterruptMessage,
  'deep-tool-result': DeepToolResultMessage,
};

/** Socket.IO's typed map for client → server events, derived from the schemas above. */
export type ClientToServerEvents = {
  [K in ClientMessageType]: (message: Extract<ClientMessage, { type: K }>) => void;
};

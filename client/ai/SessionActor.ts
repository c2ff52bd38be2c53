import type { Actor } from 'xstate';
import type { sessionMachine } from '../../shared/session/sessionMachine.ts';

/** The running session machine of this tab: the one place AI and run decisions are made. */
export type SessionActor = Actor<typeof sessionMachine>;

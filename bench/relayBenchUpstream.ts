/**
 * The relay benchmark's upstream, in its own process (started by relay.bench.ts with an IPC
 * channel): the scripted model server, answering every request with the answer the parent
 * sets, and reporting what it recorded on its own clock (performance.now()).
 */
import { startScriptedModelServer } from '../server/testing/scriptedModelServer/startScriptedModelServer.ts';
import type { ScriptedResponseInput } from '../server/testing/scriptedModelServer/ScriptedResponse.ts';

/** What the parent asks; each is answered with the same `id`. */
export type UpstreamCommand =
  | { id: number; type: 'answer'; answer: ScriptedResponseInput }
  | { id: number; type: 'now' }
  | { id: number; type: 'records' }
  | { id: number; type: 'close' };

/** One recorded request, its times on the upstream's clock. */
export interface UpstreamRecord {
  receivedAt: number;
  firstTokenAt: number | undefined;
  abortedAt: number | undefined;
  endedAt: number | undefined;
  outcome: string;
  tokensSent: number;
}

const server = await startScriptedModelServer({});
process.send!({ type: 'ready', baseURL: server.baseURL });

process.on('message', (command: UpstreamCommand) => {
  switch (command.type) {
    case 'answer':
      // Every request of the next phase gets this answer; what the last phase saw is forgotten.
      server.reset();
      server.setFallback(command.answer);
      process.send!({ id: command.id });
      return;
    case 'now':
      process.send!({ id: command.id, now: performance.now() });
      return;
    case 'records':
      process.send!({
        id: command.id,
        records: server.requests.map(
          (request): UpstreamRecord => ({
            receivedAt: request.receivedAt,
            firstTokenAt: request.firstTokenAt,
            abortedAt: request.abortedAt,
            endedAt: request.endedAt,
            outcome: request.outcome,
            tokensSent: request.tokensSent,
          }),
        ),
      });
      return;
    case 'close':
      void server.close().then(() => {
        process.send!({ id: command.id });
        process.disconnect();
      });
  }
});

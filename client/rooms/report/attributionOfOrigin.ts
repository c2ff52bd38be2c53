import type { AiAttribution } from '../../../shared/rooms/aiAttribution.ts';
import { LocalEditOrigin } from '../../editor/LocalEditOrigin.ts';

/**
 * The AI attribution a Yjs transaction's origin carries: set when the transaction was made from
 * this person's editor inside `runAttributed` (an accepted suggestion, quick edit or deep result).
 * Give it to the room's sync: `new RoomSyncClient({ ..., attributionOf: attributionOfOrigin })`.
 */
export function attributionOfOrigin(origin: unknown): AiAttribution | undefined {
  return origin instanceof LocalEditOrigin ? origin.attribution : undefined;
}

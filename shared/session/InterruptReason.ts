import { z } from 'zod';

/**
 * Why a fast-lane suggestion stopped before it was accepted or dismissed:
 * - `typed-over`: the person typed something the suggestion does not say;
 * - `cancelled`: Esc while it was still coming, the cursor moved away, or the glue cancelled it;
 * - `replaced`: a newer request superseded it (latest wins);
 * - `budget`: the server said a budget or rate limit was reached.
 */
export const InterruptReason = z.enum(['typed-over', 'cancelled', 'replaced', 'budget']);
export type InterruptReason = z.infer<typeof InterruptReason>;

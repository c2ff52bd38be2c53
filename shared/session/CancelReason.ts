import { z } from 'zod';

/**
 * Why the machine asks the server to stop a request. The server aborts the upstream call at once
 * whatever the reason; the reason is for logs and the session report.
 */
export const CancelReason = z.enum(['typed-over', 'cancelled', 'replaced', 'accepted', 'timeout', 'redirected', 'bad-response']);
export type CancelReason = z.infer<typeof CancelReason>;

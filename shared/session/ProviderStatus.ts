import { z } from 'zod';

/**
 * Why a lane's request failed, as the UI names it. The same words as the server's provider
 * errors, so the relay forwards them unchanged; "timeout" is also what the machine reports when
 * a stream goes silent past its limit.
 */
export const ProviderStatus = z.enum(['unavailable', 'timeout', 'rate-limited', 'bad-response', 'refused', 'misconfigured']);
export type ProviderStatus = z.infer<typeof ProviderStatus>;

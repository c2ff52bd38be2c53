import { z } from 'zod';

/**
 * Why the machine proposes handing a request to the deep lane (the promotion criteria):
 * - `names-several-files`: the instruction names more than one file, or all/several/every file(s);
 * - `asks-for-tests`: the instruction asks for tests to pass (or for failing tests to be fixed);
 * - `spans-files`: the selection or the change covers more than one file;
 * - `rejected-twice`: the fast lane's answer to this request was turned down twice;
 * - `asked`: the person asked for the deep lane.
 */
export const PromotionReason = z.enum(['names-several-files', 'asks-for-tests', 'spans-files', 'rejected-twice', 'asked']);
export type PromotionReason = z.infer<typeof PromotionReason>;

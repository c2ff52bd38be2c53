import { z } from 'zod';

/** One model's price, in US dollars per million tokens. */
export const ModelPrice = z.object({
  inputPerMillion: z.number().nonnegative().finite(),
  outputPerMillion: z.number().nonnegative().finite(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/**
 * Model name (as the lane reports it) → price. The host fills it in; nothing is built in, because
 * prices change and a local model costs what its machine costs: a model with no entry has an
 * unknown cost (shown as "—"), never a guessed one.
 */
export const ModelPriceTable = z.record(z.string().min(1).max(200), ModelPrice);
export type ModelPriceTable = z.infer<typeof ModelPriceTable>;

/** The cost of one request in dollars, or null when the model has no price or the token counts are unknown. */
export function costOf(prices: ModelPriceTable, model: string | null | undefined, tokensIn: number | null | undefined, tokensOut: number | null | undefined): number | null {
  if (!model) return null;
  const price = Object.hasOwn(prices, model) ? prices[model] : undefined;
  if (!price || tokensIn == null || tokensOut == null) return null;
  return (tokensIn * price.inputPerMillion + tokensOut * price.outputPerMillion) / 1_000_000;
}

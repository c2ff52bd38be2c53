import { ModelPriceTable } from '../../shared/rooms/replay/modelPrices.ts';

const KEY = 'pairlane.modelPrices';

/**
 * The host's model prices, kept in this browser's localStorage: prices are the host's own
 * knowledge (their contract, their local machine), never sent anywhere and never guessed.
 */
export const modelPriceStorage = {
  read(storage: Pick<Storage, 'getItem'>): ModelPriceTable {
    try {
      const parsed = ModelPriceTable.safeParse(JSON.parse(storage.getItem(KEY) ?? '{}'));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  },
  write(storage: Pick<Storage, 'setItem'>, prices: ModelPriceTable): void {
    storage.setItem(KEY, JSON.stringify(prices));
  },
};

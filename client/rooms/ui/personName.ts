const KEY = 'pairlane-name';

/** The name this browser shows others in rooms (awareness), kept in localStorage across rooms. */
export const personName = {
  read(storage: Storage): string | undefined {
    const name = storage.getItem(KEY)?.trim();
    return name ? name : undefined;
  },
  keep(storage: Storage, name: string): void {
    storage.setItem(KEY, name.trim().slice(0, 64));
  },
};

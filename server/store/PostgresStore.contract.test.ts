import { openPostgresClient } from './PostgresClient.ts';
import { defineStoreContract } from './storeContract.ts';
import { startTestPostgres } from './testing/startTestPostgres.ts';

// A real PostgreSQL: DATABASE_URL when set, otherwise a throwaway cluster this test starts.
defineStoreContract('postgres', async () => {
  const postgres = await startTestPostgres();
  if (!postgres.available) return { skip: postgres.reason };
  return {
    openClient: async () => openPostgresClient(postgres.url),
    close: () => postgres.stop(),
  };
});

/** Where the server keeps what is not in a database: PGlite's files and the token secret. */
export function dataDirFrom(env: NodeJS.ProcessEnv): string {
  return env.PAIRLANE_DATA_DIR?.trim() || './data';
}

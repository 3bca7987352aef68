/** What a command needs from the outside world, passed in so tests can pin the clock. */
export interface Runtime {
  version: string;
  bundledCatalog: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

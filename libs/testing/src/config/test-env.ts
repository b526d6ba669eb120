/** The only environment the test harness reads: where binaries are, and which infrastructure to use. */
export const testEnv = {
  /** PATH for the service processes (java, go and node live there) */
  path: (): string | undefined => process.env.PATH,
  /** `embedded`, `containers`, or unset to pick containers where a Docker engine answers */
  infra: (): string | undefined => process.env.TEST_INFRA,
};

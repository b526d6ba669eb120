/** The only environment the test harness reads: where binaries are, and which infrastructure to use. */
export const testEnv = {
  /** PATH for the service processes (java, go and node live there) */
  path: (): string | undefined => process.env.PATH,
  /** `embedded`, `containers`, or unset to pick containers where a Docker engine answers */
  infra: (): string | undefined => process.env.TEST_INFRA,
  /** SEALPOST_TEST_PORT_OFFSET: how far the test infrastructure's ports move (0 unless a whole number) */
  portOffset: (): number => Number.parseInt(process.env.SEALPOST_TEST_PORT_OFFSET ?? '0', 10) || 0,
  /** SCALE_OUT_RATE: msg/s the two-instance kill run offers (2 unless given) */
  scaleOutRate: (): number => Number(process.env.SCALE_OUT_RATE ?? 2),
};

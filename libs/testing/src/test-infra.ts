/** What e2e suites know about the infrastructure Jest's global setup started. */
export interface TestInfraInfo {
  provider: 'embedded' | 'containers';
  kafkaBrokers: string;
  mongoUrl: string;
  /** embedded: the state folder whose pid files control the broker and store */
  stateDir?: string;
  /** containers: ids, to stop and restart them */
  containers?: { kafka: string; mongo: string };
}

/** Stops and restarts the broker or the store under a running suite (readiness and fault tests). */
export interface TestInfraControl {
  stopKafka(): Promise<void>;
  startKafka(): Promise<void>;
  stopStore(): Promise<void>;
  startStore(): Promise<void>;
}

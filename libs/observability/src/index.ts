export * from './observability.module';
export * from './metrics.registry';
export * from './service-name';
export * from './readiness-checks';

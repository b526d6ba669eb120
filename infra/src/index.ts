export * from './embedded-infra';
export * from './layout';
export * from './progress';
export * from './wait-for';
export * from './service-process';
export * from './mongo-users';

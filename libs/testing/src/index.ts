export * from './test-infra';
export * from './test-infra-provider';
export * from './suite-launcher';
export { waitFor } from '@sealpost/infra';

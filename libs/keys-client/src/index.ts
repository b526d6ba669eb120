export * from './keys-client';
export * from './keys-client.module';
export * from './keys-client-options';

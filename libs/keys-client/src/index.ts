export * from './keys-client';
export * from './keys-client.module';
export * from './keys-client-options';
export * from './keys-client.env';
export * from './keys-client-options.factory';

export * from './persistence.module';
export * from './natural-id.plugin';
export * from './ping-store';
export * from './insert-new';
export * from './store-batches';
export * from './group-commit';
export * from './chunked-files';

export * from './topics';
export * from './services';
export * from './event-envelope';
export * from './audit-event';
export * from './key-events';
export * from './messages';
export * from './retention';
export * from './phone-number';

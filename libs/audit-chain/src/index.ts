export * from './canonical-json';
export * from './chain-hash';
export * from './verify-chain';
export * from './merkle';
export * from './checkpoint';
export * from './merkle-frontier';
export * from './signed-checkpoint';
export * from './log-audit';

export * from './retention-handler';
export * from './retention-participant.providers';

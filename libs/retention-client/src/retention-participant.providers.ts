import { Provider, Type } from '@nestjs/common';
import { RetentionCommandsListener } from './retention-commands.listener';
import { RETENTION_HANDLER, RetentionHandler } from './retention-handler';

/** The providers that make a service answer retention commands with its own handler. */
export function retentionParticipantProviders(handler: Type<RetentionHandler>): Provider[] {
  return [{ provide: RETENTION_HANDLER, useClass: handler }, RetentionCommandsListener];
}

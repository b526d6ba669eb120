import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  createEvent, EraseCommand, EventEnvelope, PurgeCommand, RETENTION_COMMAND_TYPES, RETENTION_REPORT_TYPE, RetentionParticipant, RetentionReport, TOPICS,
} from '@sealpost/contracts';
import { AuditTrail, KafkaPublisher, KafkaRuntime, parseJsonRecord, PoisonRecordError, eachRecord } from '@sealpost/kafka';
import { SERVICE_NAME } from '@sealpost/observability';
import { PurgeResult, RETENTION_HANDLER, RetentionHandler } from './retention-handler';

/**
 * Takes purge and erase commands from sealpost.retention.commands.v1 and reports back. The
 * consumer group keeps its place, so a service that was down purges when it returns.
 */
@Injectable()
export class RetentionCommandsListener implements OnModuleInit {
  private readonly logger = new Logger(RetentionCommandsListener.name);

  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly publisher: KafkaPublisher,
    private readonly audit: AuditTrail,
    @Inject(RETENTION_HANDLER) private readonly handler: RetentionHandler,
    @Inject(SERVICE_NAME) private readonly service: RetentionParticipant,
  ) {}

  onModuleInit(): void {
    this.runtime.register({ name: 'retention', topics: [TOPICS.retentionCommands], handleBatch: eachRecord(({ message }) => this.handle(parseJsonRecord(message))) });
  }

  private async handle(event: EventEnvelope<PurgeCommand | EraseCommand>): Promise<void> {
    let result: PurgeResult;
    if (event.type === RETENTION_COMMAND_TYPES.purge) result = await this.handler.purge(event.payload as PurgeCommand);
    else if (event.type === RETENTION_COMMAND_TYPES.erase) result = await this.handler.erase(event.payload as EraseCommand);
    else throw new PoisonRecordError(`unknown retention command ${String(event.type).slice(0, 40)}`);

    const commandId = event.payload.command_id;
    const report: RetentionReport = { command_id: commandId, service: this.service, ...result, completed_at: new Date().toISOString() };
    await this.publisher.publish(TOPICS.retentionReports, [{ key: commandId, value: createEvent(RETENTION_REPORT_TYPE, report, { correlationId: commandId, causationId: event.eventId }) }]);
    await this.audit.record(
      event.type === RETENTION_COMMAND_TYPES.purge ? 'retention.purged' : 'retention.erased',
      { actor: 'service:retention', action: event.type, target: commandId, outcome: 'success', detail: { purged: result.purged, keys_destroyed: result.keys_destroyed ?? 0, media_purged: result.media_purged ?? 0 } },
      { correlationId: commandId, causationId: event.eventId },
    );
    this.logger.log({ command: commandId, type: event.type, ...result }, 'retention command done');
  }
}

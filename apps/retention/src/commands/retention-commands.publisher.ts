import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { createEvent, EraseCommand, PurgeCommand, RETENTION_COMMAND_TYPES, TOPICS } from '@sealpost/contracts';
import { AuditTrail, KafkaPublisher } from '@sealpost/kafka';
import { parseIsoDuration } from '@sealpost/platform';
import { RetentionEnv } from '../config/retention.env';
import { RetentionRun } from './retention-run.schema';

/** Records a run, then sends its command to every service. */
@Injectable()
export class RetentionCommandsPublisher {
  private readonly deadlineMs: number;

  constructor(
    @InjectModel(RetentionRun.name) private readonly runs: Model<RetentionRun>,
    private readonly publisher: KafkaPublisher,
    private readonly audit: AuditTrail,
    config: ConfigService<RetentionEnv, true>,
  ) {
    this.deadlineMs = parseIsoDuration(config.get('SEALPOST_RETENTION_REPORT_DEADLINE', { infer: true }))!;
  }

  async send(kind: 'sweep' | 'erasure', trigger: 'admin' | 'schedule', command: PurgeCommand | EraseCommand): Promise<void> {
    const issuedAt = new Date(command.issued_at);
    await this.runs.create({ run_id: command.command_id, kind, trigger, issued_at: issuedAt, deadline: new Date(issuedAt.getTime() + this.deadlineMs), reports: {} });
    const type = kind === 'sweep' ? RETENTION_COMMAND_TYPES.purge : RETENTION_COMMAND_TYPES.erase;
    await this.publisher.publish(TOPICS.retentionCommands, [{ key: command.command_id, value: createEvent(type, command, { correlationId: command.command_id }) }]);
    await this.audit.record(kind === 'sweep' ? 'retention.sweep_started' : 'retention.erasure_requested', { actor: trigger === 'admin' ? 'admin' : 'service:retention', action: type, target: command.command_id, outcome: 'success' }, { correlationId: command.command_id });
  }
}

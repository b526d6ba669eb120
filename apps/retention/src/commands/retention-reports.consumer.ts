import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, RETENTION_PARTICIPANTS, RETENTION_REPORT_TYPE, RetentionReport, TOPICS } from '@sealpost/contracts';
import { KafkaRuntime, parseJsonRecord, PoisonRecordError, eachRecord } from '@sealpost/kafka';
import { RetentionRun } from './retention-run.schema';

/** Files each service's report under its run. */
@Injectable()
export class RetentionReportsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: KafkaRuntime,
    @InjectModel(RetentionRun.name) private readonly runs: Model<RetentionRun>,
  ) {}

  onModuleInit(): void {
    this.runtime.register({
      name: 'reports',
      topics: [TOPICS.retentionReports],
      handleBatch: eachRecord(async ({ message }) => {
        const event = parseJsonRecord<EventEnvelope<RetentionReport>>(message);
        if (event.type !== RETENTION_REPORT_TYPE) return;
        const report = event.payload;
        if (!(RETENTION_PARTICIPANTS as readonly string[]).includes(report?.service)) throw new PoisonRecordError('report from an unknown service');
        await this.runs.updateOne({ run_id: report.command_id }, { $set: { [`reports.${report.service}`]: report } }).exec();
      }),
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { Model } from 'mongoose';
import { PurgeCommand } from '@sealpost/contracts';
import { parseIsoDuration } from '@sealpost/platform';
import { RetentionCommandsPublisher } from '../../commands/retention-commands.publisher';
import { DEFAULT_MAX_AGE } from '../../policies/policy.dto';
import { Policy } from '../../policies/policy.schema';
import { serviceWindows } from '../../policies/service-window';

/**
 * A sweep: every business's policy in one purge command, answered by each service. It also
 * carries the customer-service windows, which delivery keeps to check its sends against.
 */
@Injectable()
export class StartSweepUseCase {
  constructor(
    @InjectModel(Policy.name) private readonly policies: Model<Policy>,
    private readonly commands: RetentionCommandsPublisher,
  ) {}

  async execute(trigger: 'admin' | 'schedule'): Promise<string> {
    const policies = await this.policies.find().lean().exec();
    const command: PurgeCommand = {
      command_id: `sweep_${randomUUID()}`,
      issued_at: new Date().toISOString(),
      default_max_age_ms: parseIsoDuration(DEFAULT_MAX_AGE)!,
      policies: Object.fromEntries(policies.map((p) => [p.business_id, parseIsoDuration(p.max_age)!])),
      service_windows: serviceWindows(policies),
    };
    await this.commands.send('sweep', trigger, command);
    return command.command_id;
  }
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EraseCommand, normalizePhoneNumber } from '@sealpost/contracts';
import { DataKeyDestroyedError, KeysClient } from '@sealpost/keys-client';
import { ApiError } from '@sealpost/platform';
import { RetentionCommandsPublisher } from '../../commands/retention-commands.publisher';

/**
 * Erasure of one person: the keys service turns the number into its pseudonym (retention holds
 * no pseudonym key), and only the pseudonym travels in the command. The keys service destroys that person's recipient key, so
 * copies of their messages left in Kafka or backups can no longer be opened.
 */
@Injectable()
export class RequestErasureUseCase {
  constructor(
    private readonly keys: KeysClient,
    private readonly commands: RetentionCommandsPublisher,
  ) {}

  async execute(phone: string): Promise<string> {
    const digits = normalizePhoneNumber(phone);
    if (!digits) throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', 'phone: not a valid phone number in E.164 form (country code required)');
    const command: EraseCommand = {
      command_id: `erasure_${randomUUID()}`,
      issued_at: new Date().toISOString(),
      recipient: await this.pseudonymOf(digits),
    };
    await this.commands.send('erasure', 'admin', command);
    return command.command_id;
  }

  /** An erased number has no pseudonym any more: the run then matches nothing, as nothing is left to find. */
  private async pseudonymOf(digits: string): Promise<string> {
    return this.keys.recipientPseudonym(digits, 'erasure').catch((err: unknown) => {
      if (err instanceof DataKeyDestroyedError) return randomBytes(32).toString('hex');
      throw err;
    });
  }
}

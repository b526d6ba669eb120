import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventEnvelope, KEY_EVENT_TYPES, KeyEventPayload, TOPICS } from '@sealpost/contracts';
import { KafkaRuntime, eachRecord } from '@sealpost/kafka';
import { KeysClient } from './keys-client';

/** Empties the key cache of keys the keys service destroyed (CONTRACT §7: no cached copy survives). */
@Injectable()
export class KeyDestructionListener implements OnModuleInit {
  private readonly logger = new Logger(KeyDestructionListener.name);

  constructor(
    private readonly runtime: KafkaRuntime,
    private readonly keys: KeysClient,
  ) {}

  onModuleInit(): void {
    this.runtime.register({
      name: 'key-events',
      topics: [TOPICS.keysEvents],
      // only destructions from now on matter: older ones concern keys this process never fetched
      fromBeginning: false,
      handleBatch: eachRecord(async ({ message }) => {
        const event = JSON.parse(message.value?.toString() ?? '{}') as EventEnvelope<KeyEventPayload>;
        if (event.type !== KEY_EVENT_TYPES.destroyed) return;
        const ids = event.payload.key_ids ?? (event.payload.key_id ? [event.payload.key_id] : []);
        this.keys.forget(ids);
        this.logger.log({ keys: ids.length }, 'dropped destroyed keys from the cache');
      }),
    });
  }
}

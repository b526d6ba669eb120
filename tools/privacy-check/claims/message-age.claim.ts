import { SERVICES } from '@sealpost/contracts';
import type { Claim } from './claim';
import { maxAgeOf, withStore } from './retention-facts';

/** Where messages are stored, and the field their age is counted from. */
const STORES = [
  { database: SERVICES.ingestion.database, collection: 'messages', id: 'message_id', since: 'accepted_at' },
  { database: SERVICES.delivery.database, collection: 'messages', id: 'message_id', since: 'accepted_at' },
  // customers' messages to businesses (CONTRACT §11)
  { database: SERVICES.delivery.database, collection: 'inbound_messages', id: 'message_id', since: 'created_at' },
  // uploaded and linked media (CONTRACT §12): the record and, by the same id, its ciphertext
  { database: SERVICES.ingestion.database, collection: 'media', id: '_id', since: 'created_at' },
  // media customers sent (uploads no message named have no business: the default policy holds them)
  { database: SERVICES.delivery.database, collection: 'inbound_media', id: '_id', since: 'created_at' },
];

export const messageAge: Claim = {
  id: 'message-age',
  statement: "no stored message, outbound or inbound, nor media, is older than its business's retention policy",
  async check({ options, sweep }) {
    return withStore(options.mongoUrl, async (connection) => {
      const maxAge = await maxAgeOf(connection);
      const evidence = [sweep.detail];
      let checked = 0;
      for (const { database, collection, id, since } of STORES) {
        for await (const message of connection.useDb(database).db!.collection(collection).find({}, { projection: { [id]: 1, business_id: 1, [since]: 1 } })) {
          checked++;
          const cutoff = sweep.startedAt.getTime() - maxAge(String(message.business_id));
          if (new Date(message[since]).getTime() < cutoff) {
            evidence.push(`${database}.${collection}: ${message[id]} stored ${new Date(message[since]).toISOString()}, past its business's policy at the sweep (${new Date(cutoff).toISOString()})`);
          }
        }
      }
      const pass = sweep.status === 'done' && evidence.length === 1;
      if (pass) evidence.push(`${checked} stored message(s) and media in ${STORES.map((s) => `${s.database}.${s.collection}`).join(', ')}, all within their policy`);
      return { pass, evidence };
    });
  },
};

import { SERVICES } from '@sealpost/contracts';
import type { Claim } from './claim';
import { maxAgeOf, withStore } from './retention-facts';

const STORES = [SERVICES.ingestion.database, SERVICES.delivery.database];

export const messageAge: Claim = {
  id: 'message-age',
  statement: "no stored message is older than its business's retention policy",
  async check({ options, sweep }) {
    return withStore(options.mongoUrl, async (connection) => {
      const maxAge = await maxAgeOf(connection);
      const evidence = [sweep.detail];
      let checked = 0;
      for (const database of STORES) {
        for await (const message of connection.useDb(database).db!.collection('messages').find({}, { projection: { message_id: 1, business_id: 1, accepted_at: 1 } })) {
          checked++;
          const cutoff = sweep.startedAt.getTime() - maxAge(String(message.business_id));
          if (new Date(message.accepted_at).getTime() < cutoff) {
            evidence.push(`${database}.messages: ${message.message_id} accepted ${new Date(message.accepted_at).toISOString()}, past its business's policy at the sweep (${new Date(cutoff).toISOString()})`);
          }
        }
      }
      const pass = sweep.status === 'done' && evidence.length === 1;
      if (pass) evidence.push(`${checked} stored message(s) in ${STORES.join(', ')}, all within their policy`);
      return { pass, evidence };
    });
  },
};

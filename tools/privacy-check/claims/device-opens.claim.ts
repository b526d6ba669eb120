import type { Claim } from './claim';

export const deviceOpens: Claim = {
  id: 'device-opens',
  statement: "the recipient's device, and only its key, opens the sealed canary",
  async check({ canary }) {
    const pass = canary.opened === canary.sent;
    return {
      pass,
      evidence: [pass ? `message ${canary.messageId} arrived HPKE-sealed and decrypted to the text sent` : `message ${canary.messageId} decrypted to something other than the text sent`],
    };
  },
};

import type { Claim } from './claim';

export const deviceOpens: Claim = {
  id: 'device-opens',
  statement: "the recipient's device, and only its key, opens the sealed canary and its media",
  async check({ canary }) {
    const pass = canary.opened === canary.sent && canary.mediaOpened;
    return {
      pass,
      evidence: [
        canary.opened === canary.sent ? `message ${canary.messageId} arrived HPKE-sealed and decrypted to the text sent` : `message ${canary.messageId} decrypted to something other than the text sent`,
        canary.mediaOpened ? 'an uploaded canary image arrived as a sealed capability URL and media key, and the device opened the ciphertext to the bytes uploaded' : 'the canary image did not reach the device, or did not open to the bytes uploaded',
      ],
    };
  },
};

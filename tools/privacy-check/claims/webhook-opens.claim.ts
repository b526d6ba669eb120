import type { Claim } from './claim';

export const webhookOpens: Claim = {
  id: 'webhook-opens',
  statement: "the customer's sealed canary reaches the business's webhook, and only it, signed with the app secret; the image the customer encrypted reaches the business alone",
  async check({ canary: { inbound } }) {
    const got = inbound.received;
    const pass = got !== undefined && got.text === inbound.sent.text && got.name === inbound.sent.name && got.signatureValid && inbound.mediaDownloaded;
    const evidence = pass
      ? `inbound message ${inbound.messageId}: sealed by the device to the business's key, opened for its webhook alone, text and profile name as sent, X-Hub-Signature-256 valid`
      : `inbound message ${inbound.messageId}: the webhook got ${got === undefined ? 'nothing' : `${got.text === inbound.sent.text ? 'the text' : 'another text'}, ${got.name === inbound.sent.name ? 'the name' : 'another name'}, signature ${got.signatureValid ? 'valid' : 'INVALID'}`}`;
    const media = inbound.mediaDownloaded
      ? "an image the device encrypted under its own key: checked and opened by delivery, downloaded by the business through GET /{version}/{id} byte for byte"
      : "an image the device encrypted under its own key: the business could NOT download it as sent";
    return { pass, evidence: [evidence, media] };
  },
};

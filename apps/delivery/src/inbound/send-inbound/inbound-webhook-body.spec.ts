import { signedWebhook } from '../../webhooks/webhook-body';
import { inboundWebhookBody } from './inbound-webhook-body';

describe('inbound webhook body (CONTRACT §11)', () => {
  const text = { type: 'text' as const, body: { body: 'Ol\u00e1 \u{1F44B}' }, profileName: 'Jos\u00e9' };

  it('is the Cloud API inbound shape: contacts with wa_id and profile, messages with from, id, timestamp, type and its object', () => {
    expect(inboundWebhookBody('b1', '555', { from: '13035550100', id: 'wamid.1', timestamp: '1732550000', content: text })).toEqual({
      object: 'whatsapp_business_account',
      entry: [{ id: 'b1', changes: [{ field: 'messages', value: {
        messaging_product: 'whatsapp',
        metadata: { phone_number_id: '555' },
        contacts: [{ profile: { name: 'Jos\u00e9' }, wa_id: '13035550100' }],
        messages: [{ from: '13035550100', id: 'wamid.1', timestamp: '1732550000', type: 'text', text: { body: 'Ol\u00e1 \u{1F44B}' } }],
      } }] }],
    });
  });

  it('carries context { from: the business phone_number_id, id } on a reply, and an empty profile name when none was given', () => {
    const body = inboundWebhookBody('b1', '555', { from: '1', id: 'wamid.2', timestamp: '1', content: { type: 'reaction', body: { message_id: 'wamid.0', emoji: 'x' } }, contextId: 'wamid.0' }) as { entry: [{ changes: [{ value: { messages: unknown[]; contacts: [{ profile: unknown }] } }] }] };
    const value = body.entry[0].changes[0].value;
    expect(value.messages[0]).toEqual({ context: { from: '555', id: 'wamid.0' }, from: '1', id: 'wamid.2', timestamp: '1', type: 'reaction', reaction: { message_id: 'wamid.0', emoji: 'x' } });
    expect(value.contacts[0].profile).toEqual({ name: '' });
  });

  it('names media by its id, type and hash, with its caption and filename, never with the key the device chose', () => {
    const media_key = 'K'.repeat(43);
    const document = { media_id: '123456789012345', media_key, sha256: 'AB'.repeat(32), mime_type: 'application/pdf', caption: 'invoice', filename: 'invoice.pdf' };
    const body = inboundWebhookBody('b1', '555', { from: '1', id: 'wamid.3', timestamp: '1', content: { type: 'document', body: document } });
    const value = (body as { entry: [{ changes: [{ value: { messages: unknown[] } }] }] }).entry[0].changes[0].value;
    expect(value.messages[0]).toEqual({ from: '1', id: 'wamid.3', timestamp: '1', type: 'document', document: { id: '123456789012345', mime_type: 'application/pdf', sha256: 'ab'.repeat(32), caption: 'invoice', filename: 'invoice.pdf' } });
    expect(JSON.stringify(body)).not.toContain(media_key);
  });

  it('is signed over pure ASCII bytes, every non-ASCII character escaped', () => {
    const { raw } = signedWebhook('secret', inboundWebhookBody('b1', '555', { from: '1', id: 'wamid.1', timestamp: '1', content: text }));
    expect(raw.every((b) => b < 0x80)).toBe(true);
    expect(raw.toString()).toContain('Ol\\u00e1 \\ud83d\\udc4b');
    expect(JSON.parse(raw.toString()).entry[0].changes[0].value.messages[0].text.body).toBe('Ol\u00e1 \u{1F44B}');
  });
});

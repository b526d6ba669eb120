import { parseInboundContent } from './inbound-content';

/** a device's media object: its upload's id, the key it chose, the plaintext's hash and type */
const UPLOAD = { media_id: '123456789012345', media_key: 'A'.repeat(43), sha256: 'ab'.repeat(32), mime_type: 'image/png' };

describe('inbound content (CONTRACT §11)', () => {
  it.each([
    [{ type: 'text', text: { body: 'hi' } }],
    [{ type: 'text', text: { body: 'hi' }, profile: { name: 'Ana' } }],
    [{ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } } }],
    [{ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Row', description: 'd' } } }],
    [{ type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '\u{1F44D}' } }],
    [{ type: 'location', location: { latitude: 38.9, longitude: -77.03, name: 'Home' } }],
    [{ type: 'contacts', contacts: [{ name: { formatted_name: 'Bo' }, phones: [{ phone: '+1 202 555 0100', type: 'CELL' }] }] }],
    [{ type: 'image', image: { ...UPLOAD, caption: 'the parcel' } }],
    [{ type: 'document', document: { ...UPLOAD, filename: 'invoice.pdf' } }],
    [{ type: 'audio', audio: { ...UPLOAD } }],
  ])('accepts %j', (value) => {
    const parsed = parseInboundContent(value);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.content.body).toEqual((value as Record<string, unknown>)[value.type]);
  });

  it('keeps the profile name apart from the content', () => {
    expect(parseInboundContent({ type: 'text', text: { body: 'hi' }, profile: { name: 'Ana' } })).toEqual({ ok: true, content: { type: 'text', body: { body: 'hi' }, profileName: 'Ana' } });
  });

  it.each([
    ['not an object', 'x', 'must be a JSON object'],
    ['unknown type', { type: 'poll', poll: {} }, 'type must be one of text, interactive, reaction, location, contacts, image, audio, video, document, sticker'],
    ['a stray field', { type: 'text', text: { body: 'hi' }, to: '1' }, 'may hold only type, text and profile'],
    ['an empty body', { type: 'text', text: { body: '' } }, 'text.body must be a string of 1-4096 characters'],
    ['a body too long', { type: 'text', text: { body: 'x'.repeat(4097) } }, 'text.body must be a string of 1-4096 characters'],
    ['an unknown text field', { type: 'text', text: { body: 'x', preview_url: true } }, 'text has an unknown field'],
    ['a bad interactive type', { type: 'interactive', interactive: { type: 'button' } }, 'interactive.type must be button_reply or list_reply'],
    ['a reply without title', { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'a' } } }, 'interactive.button_reply.title is required'],
    ['a short media key', { type: 'image', image: { ...UPLOAD, media_key: 'A'.repeat(42) } }, 'image.media_key must be the base64url of 32 bytes'],
    ['a sha256 not in hex', { type: 'image', image: { ...UPLOAD, sha256: 'z'.repeat(64) } }, 'image.sha256 must be 64 hex digits'],
    ['media without its id', { type: 'video', video: { media_key: 'A'.repeat(43), sha256: 'ab'.repeat(32), mime_type: 'video/mp4' } }, 'video.media_id is required'],
    ['a caption on audio', { type: 'audio', audio: { ...UPLOAD, caption: 'x' } }, 'audio has an unknown field'],
    ['a latitude out of range', { type: 'location', location: { latitude: 91, longitude: 0 } }, 'location.latitude must be a number from -90 to 90'],
    ['no contacts', { type: 'contacts', contacts: [] }, 'contacts must be a list of 1-20 items'],
    ['a contact without name', { type: 'contacts', contacts: [{}] }, 'contacts[0].name is required'],
    ['a profile without name', { type: 'text', text: { body: 'x' }, profile: {} }, "profile.name is required"],
  ])('refuses %s, naming the field and rule', (_, value, problem) => {
    const parsed = parseInboundContent(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });

  it('never echoes the value it refuses', () => {
    const parsed = parseInboundContent({ type: 'text', text: { body: 'CANARY'.repeat(1000) } });
    expect(!parsed.ok && parsed.problem).not.toContain('CANARY');
  });
});

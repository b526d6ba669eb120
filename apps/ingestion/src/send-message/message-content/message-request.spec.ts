import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors, validationErrorCode } from '@sealpost/platform/errors/validation-problems';
import { MessageRequest } from './message-request';

const to = '+12025550123';
const send = (type: string, object: unknown, extra: Record<string, unknown> = {}) => ({ messaging_product: 'whatsapp', to, type, [type]: object, ...extra });

/** what the door answers: nothing, or the Cloud API code and the problems it names */
function check(body: Record<string, unknown>): { code: number; details: string } | undefined {
  const errors = validateSync(plainToInstance(MessageRequest, body), { whitelist: true, forbidNonWhitelisted: true });
  return errors.length === 0 ? undefined : { code: validationErrorCode(errors), details: describeValidationErrors(errors) };
}

const buttons = (n: number, id = (i: number) => `b${i}`) => Array.from({ length: n }, (_, i) => ({ type: 'reply', reply: { id: id(i), title: `Choice ${i}` } }));
const interactive = (type: string, action: unknown, body = 'Pick one') => ({ type, body: { text: body }, action });
const rows = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));
const template = (components?: unknown) => ({ name: 'order_shipped', language: { code: 'en_US' }, ...(components !== undefined && { components }) });

describe('MessageRequest: each Cloud API type, validated at the door', () => {
  it.each([
    ['text', { body: 'hi', preview_url: false }],
    ['location', { latitude: 52.52, longitude: -13.4, name: 'Depot', address: 'Main St 1' }],
    ['contacts', [{ name: { formatted_name: 'Ada Lovelace', first_name: 'Ada' }, phones: [{ phone: '+12025550123', type: 'WORK' }], birthday: '1815-12-10', org: { company: 'Engines' } }]],
    ['interactive', { ...interactive('button', { buttons: buttons(3) }), header: { type: 'text', text: 'Order' }, footer: { text: 'Thanks' } }],
    ['interactive', interactive('list', { button: 'Options', sections: [{ title: 'A', rows: rows(6) }, { title: 'B', rows: rows(4, 's') }] }, 'x'.repeat(4096))],
    ['interactive', interactive('cta_url', { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://example.com/track' } })],
    ['reaction', { message_id: 'wamid.abc', emoji: '👍🏽' }],
    ['reaction', { message_id: 'wamid.abc', emoji: '' }],
    ['reaction', { message_id: 'wamid.abc', emoji: '👨‍👩‍👧' }],
    ['template', template([{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }] }])],
    ['template', template()],
    ['image', { id: '123456789012345', caption: 'The parcel' }],
    ['document', { link: 'https://example.com/invoice.pdf', filename: 'invoice.pdf', caption: 'Your invoice' }],
    ['audio', { link: 'http://files.internal:8080/note.ogg' }],
  ])('accepts a valid %s', (type, object) => {
    expect(check(send(type, object))).toBeUndefined();
  });

  it('accepts a reply of any type quoting a message by its id (context.message_id)', () => {
    expect(check(send('text', { body: 'hi' }, { context: { message_id: 'wamid.abc' } }))).toBeUndefined();
    expect(check(send('interactive', interactive('button', { buttons: buttons(2) }), { context: { message_id: 'wamid.abc' } }))).toBeUndefined();
  });

  it.each([
    ['type without its object', { messaging_product: 'whatsapp', to, type: 'location' }, 100, /location is required for type "location"/],
    ["another type's object beside its own", send('text', { body: 'hi' }, { location: { latitude: 1, longitude: 2 } }), 100, /location is only allowed with type "location"/],
    ["another type's object instead of its own", { messaging_product: 'whatsapp', to, type: 'reaction', text: { body: 'hi' } }, 100, /reaction is required/],
    ['an unknown type', send('gif', { id: '1' }), 100, /type must be one of/],
    ['a media link that is not http(s)', send('image', { link: 'file:///etc/passwd' }), 100, /link must be an http\(s\) URL/],
    ['an unknown field in a media object', send('video', { id: '1', thumbnail: 'x' }), 100, /thumbnail should not exist/],
    ['an unknown field inside the object', send('location', { latitude: 1, longitude: 2, surprise: 1 }), 100, /surprise should not exist/],
    ['a latitude off the globe', send('location', { latitude: 91, longitude: 0 }), 131009, /latitude must be from -90 to 90/],
    ['a latitude as text', send('location', { latitude: '52.5', longitude: 0 }), 100, /latitude must be a number/],
    ['contacts without a formatted_name', send('contacts', [{ name: { first_name: 'Ada' } }]), 100, /formatted_name/],
    ['contacts as one object', send('contacts', { name: { formatted_name: 'Ada' } }), 100, /contacts/],
    ['four reply buttons', send('interactive', interactive('button', { buttons: buttons(4) })), 100, /at most 3/],
    ['two buttons with one id', send('interactive', interactive('button', { buttons: buttons(2, () => 'same') })), 131009, /distinct reply ids/],
    ['a 21-character button title', send('interactive', interactive('button', { buttons: [{ type: 'reply', reply: { id: 'a', title: 'x'.repeat(21) } }] })), 100, /title must be 1 to 20/],
    ['a button body over 1,024 characters', send('interactive', interactive('button', { buttons: buttons(1) }, 'x'.repeat(1025))), 100, /at most 1024 characters/],
    ['list fields in a button action', send('interactive', interactive('button', { buttons: buttons(1), sections: [] })), 100, /sections should not exist/],
    ['a list with 11 rows', send('interactive', interactive('list', { button: 'Options', sections: [{ title: 'A', rows: rows(6) }, { title: 'B', rows: rows(5, 's') }] })), 131009, /at most 10 rows in all/],
    ['a list with a row id twice', send('interactive', interactive('list', { button: 'Options', sections: [{ title: 'A', rows: rows(2) }, { title: 'B', rows: rows(1) }] })), 131009, /distinct ids/],
    ['two untitled sections', send('interactive', interactive('list', { button: 'Options', sections: [{ rows: rows(1) }, { rows: rows(1, 's') }] })), 100, /each need a title/],
    ['a media header', send('interactive', { ...interactive('cta_url', { name: 'cta_url', parameters: { display_text: 'Go', url: 'https://example.com' } }), header: { type: 'image', text: 'x' } }), 100, /header.type must be "text"/],
    ['a cta_url that is no URL', send('interactive', interactive('cta_url', { name: 'cta_url', parameters: { display_text: 'Go', url: 'javascript:alert(1)' } })), 131009, /http\(s\) URL/],
    ['a reaction of two emoji', send('reaction', { message_id: 'wamid.abc', emoji: '👍👍' }), 131009, /one emoji/],
    ['a reaction of a letter', send('reaction', { message_id: 'wamid.abc', emoji: 'a' }), 131009, /one emoji/],
    ['a reaction without message_id', send('reaction', { emoji: '👍' }), 100, /message_id/],
    ['a context without message_id', send('text', { body: 'hi' }, { context: {} }), 100, /context.message_id/],
    ['a context with an empty message_id', send('text', { body: 'hi' }, { context: { message_id: '' } }), 100, /message_id must be 1 to 128 characters/],
    ['a context as a string', send('text', { body: 'hi' }, { context: 'wamid.abc' }), 100, /context must be an object/],
    ['an unknown field in context', send('text', { body: 'hi' }, { context: { message_id: 'wamid.abc', from: '1' } }), 100, /from should not exist/],
    ['a template name in capitals', send('template', { ...template(), name: 'Order' }), 100, /template.name/],
    ['a template without language', send('template', { name: 'order_shipped' }), 100, /language/],
    ['a template parameter holding a new line', send('template', template([{ type: 'body', parameters: [{ type: 'text', text: 'a\nb' }] }])), 131009, /new lines/],
    ['a currency parameter', send('template', template([{ type: 'body', parameters: [{ type: 'currency', currency: {} }] }])), 100, /of type "text"/],
    ['button parameters', send('template', template([{ type: 'button', parameters: [{ type: 'text', text: 'x' }] }])), 100, /"header" or "body"/],
    ['two body entries', send('template', template([{ type: 'body', parameters: [{ type: 'text', text: 'x' }] }, { type: 'body', parameters: [{ type: 'text', text: 'y' }] }])), 100, /one header and one body/],
  ])('refuses %s', (_, body, code, details) => {
    const refusal = check(body as Record<string, unknown>);
    expect(refusal).toMatchObject({ code });
    expect(refusal!.details).toMatch(details);
  });

  it('names fields and rules, never the values it refused', () => {
    const canary = 'cnry-value-9f2c';
    const refusal = check(send('interactive', interactive('button', { buttons: buttons(2, () => canary) })));
    expect(refusal!.details).not.toContain(canary);
  });
});

import 'reflect-metadata';
import { MarkReadRequest } from './mark-read/mark-read.request';
import { MessageRequest } from './message-content/message-request';
import { checkSendBody } from './send-body';

const read = { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.HBgLMTIzNDU2Nzg5' };

function accepted(body: unknown): unknown {
  const checked = checkSendBody(body, MessageRequest);
  if ('refused' in checked) throw new Error(`refused: ${checked.refused.details}`);
  return checked.body;
}

function refusal(body: unknown): { code: number; details: string } {
  const checked = checkSendBody(body, MessageRequest);
  if ('body' in checked) throw new Error('the body was accepted');
  return checked.refused;
}

describe('checkSendBody: the send endpoint reads a message or a mark-as-read', () => {
  it('reads a body with `status` as a mark-as-read, with or without typing', () => {
    expect(accepted(read)).toBeInstanceOf(MarkReadRequest);
    const typing = accepted({ ...read, typing_indicator: { type: 'text' } }) as MarkReadRequest;
    expect(typing.typing_indicator).toEqual({ type: 'text' });
  });

  it('reads any other body as a message to send', () => {
    expect(accepted({ messaging_product: 'whatsapp', to: '+12025550123', type: 'text', text: { body: 'hi' } })).toBeInstanceOf(MessageRequest);
  });

  it.each([
    ['a status other than read', { ...read, status: 'delivered' }, 'status must be "read"'],
    ['no message_id', { messaging_product: 'whatsapp', status: 'read' }, 'message_id'],
    ['a message_id that is no wamid', { ...read, message_id: 'abc' }, 'message_id'],
    ['an unknown field', { ...read, extra: 1 }, 'extra'],
    ['a typing type other than text', { ...read, typing_indicator: { type: 'audio' } }, 'typing_indicator.type must be "text"'],
    ['a typing_indicator that is no object', { ...read, typing_indicator: 'text' }, 'typing_indicator'],
    ['a mark-as-read with a message field', { ...read, to: '+12025550123' }, 'to'],
    ['another messaging_product', { ...read, messaging_product: 'sms' }, 'messaging_product'],
  ])('refuses %s with code 100, naming the field and not the value', (_, body, named) => {
    const error = refusal(body);
    expect(error.code).toBe(100);
    expect(error.details).toContain(named);
    expect(error.details).not.toContain('+12025550123');
  });

  it('refuses a body that is no JSON object', () => {
    for (const body of [null, [read], 'read']) expect(refusal(body).code).toBe(100);
  });
});

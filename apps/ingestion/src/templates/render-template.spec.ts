import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { messageContent } from '../send-message/message-content/message-content';
import { MessageRequest } from '../send-message/message-content/message-request';
import { renderTemplate, TemplateText } from './render-template';
import { checkTemplateDefinition } from './template-definition';
import { CreateTemplateRequest } from './template-definition.dto';

const positional: TemplateText = {
  parameter_format: 'POSITIONAL',
  components: [
    { type: 'HEADER', text: 'Order {{1}}' },
    { type: 'BODY', text: 'Hello {{1}}, your order {{2}} ships {{1}}-style.' },
    { type: 'FOOTER', text: 'Acme' },
  ],
};
const named: TemplateText = { parameter_format: 'NAMED', components: [{ type: 'BODY', text: 'Hi {{first_name}}, code {{code}}' }] };
const text = (...values: string[]) => values.map((v) => ({ type: 'text' as const, text: v }));

describe('renderTemplate', () => {
  it('fills positional placeholders of header and body, and keeps the footer', () => {
    const rendered = renderTemplate(positional, { components: [{ type: 'header', parameters: text('#42') }, { type: 'body', parameters: text('Ada', 'A-7') }] });
    expect(rendered).toEqual({ header: 'Order #42', body: 'Hello Ada, your order A-7 ships Ada-style.', footer: 'Acme' });
  });

  it('fills named placeholders by parameter_name, in any order', () => {
    const rendered = renderTemplate(named, { components: [{ type: 'body', parameters: [{ text: '123', parameter_name: 'code' }, { text: 'Ada', parameter_name: 'first_name' }] }] });
    expect(rendered).toEqual({ body: 'Hi Ada, code 123' });
  });

  it.each([
    ['too few body parameters', positional, [{ type: 'header', parameters: text('#1') }, { type: 'body', parameters: text('Ada') }]],
    ['too many', positional, [{ type: 'header', parameters: text('#1') }, { type: 'body', parameters: text('a', 'b', 'c') }]],
    ['none for a header with a placeholder', positional, [{ type: 'body', parameters: text('a', 'b') }]],
    ['header parameters for a template without a header', named, [{ type: 'header', parameters: text('x') }]],
    ['a named parameter twice', named, [{ type: 'body', parameters: [{ text: 'a', parameter_name: 'code' }, { text: 'b', parameter_name: 'code' }] }]],
    ['an unknown parameter_name', named, [{ type: 'body', parameters: [{ text: 'a', parameter_name: 'code' }, { text: 'b', parameter_name: 'last_name' }] }]],
  ] as const)('refuses %s with 132000', (_, template, components) => {
    expect(renderTemplate(template, { components: components as never })).toMatchObject({ code: 132000 });
  });
});

describe('messageContent: what the device opens', () => {
  const request = (body: Record<string, unknown>) => plainToInstance(MessageRequest, { messaging_product: 'whatsapp', to: '+12025550123', ...body });

  it('is the object as the request carried it', () => {
    const location = { latitude: 52.52, longitude: 13.4, name: 'Depot' };
    expect(JSON.parse(JSON.stringify(messageContent(request({ type: 'location', location }))))).toEqual({ type: 'location', location });
    expect(messageContent(request({ type: 'text', text: { body: 'hi' } }))).toEqual({ type: 'text', text: { body: 'hi' } });
  });

  it('is a template with what it rendered to, or 132001 without a template', () => {
    const template = { name: 'order', language: { code: 'en' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ada' }, { type: 'text', text: 'A-7' }] }, { type: 'header', parameters: [{ type: 'text', text: '#1' }] }] };
    const content = JSON.parse(JSON.stringify(messageContent(request({ type: 'template', template }), positional)));
    expect(content).toEqual({ type: 'template', template, rendered: { header: 'Order #1', body: 'Hello Ada, your order A-7 ships Ada-style.', footer: 'Acme' } });
    expect(messageContent(request({ type: 'template', template }))).toMatchObject({ code: 132001 });
  });

  it('quotes the message a reply names, beside its object', () => {
    const interactive = { type: 'button', body: { text: 'Deliver tomorrow?' }, action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }] } };
    const content = JSON.parse(JSON.stringify(messageContent(request({ type: 'interactive', interactive, context: { message_id: 'wamid.in' } }))));
    expect(content).toEqual({ type: 'interactive', interactive, context: { message_id: 'wamid.in' } });
    expect(messageContent(request({ type: 'text', text: { body: 'hi' }, context: { message_id: 'wamid.in' } }))).toEqual({ type: 'text', text: { body: 'hi' }, context: { message_id: 'wamid.in' } });
  });
});

describe('checkTemplateDefinition', () => {
  const definition = (components: unknown[], extra: Record<string, unknown> = {}) => {
    const request = plainToInstance(CreateTemplateRequest, { name: 'order_shipped', language: 'en_US', category: 'UTILITY', components, ...extra });
    const errors = validateSync(request, { whitelist: true, forbidNonWhitelisted: true });
    return errors.length > 0 ? { invalid: errors.map((e) => e.property) } : checkTemplateDefinition(request);
  };

  it('infers the parameter format from the placeholders', () => {
    expect(definition([{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}' }, { type: 'BODY', text: 'Hi {{1}} and {{2}}', example: { body_text: [['Ada', 'Bob']] } }, { type: 'FOOTER', text: 'Acme' }])).toEqual({ parameterFormat: 'POSITIONAL' });
    expect(definition([{ type: 'BODY', text: 'Hi {{first_name}}' }])).toEqual({ parameterFormat: 'NAMED' });
    expect(definition([{ type: 'BODY', text: 'Hi' }, { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://example.com' }, { type: 'QUICK_REPLY', text: 'Stop' }] }])).toEqual({ parameterFormat: 'POSITIONAL' });
  });

  it.each([
    ['no body', [{ type: 'FOOTER', text: 'x' }], /exactly one BODY/],
    ['two headers', [{ type: 'HEADER', format: 'TEXT', text: 'a' }, { type: 'HEADER', format: 'TEXT', text: 'b' }, { type: 'BODY', text: 'x' }], /at most one HEADER/],
    ['a gap in positional parameters', [{ type: 'BODY', text: 'Hi {{1}} {{3}}' }], /without gaps/],
    ['mixed parameters', [{ type: 'BODY', text: 'Hi {{1}} {{name}}' }], /all positional/],
    ['a footer parameter', [{ type: 'BODY', text: 'x' }, { type: 'FOOTER', text: '{{1}}' }], /FOOTER: may hold no parameters/],
    ['a 61-character header', [{ type: 'HEADER', format: 'TEXT', text: 'x'.repeat(61) }, { type: 'BODY', text: 'x' }], /1 to 60/],
    ['a malformed placeholder', [{ type: 'BODY', text: 'Hi {{First Name}}' }], /placeholder must be/],
    ['a URL button without url', [{ type: 'BODY', text: 'x' }, { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go' }] }], /needs a url/],
  ])('refuses %s', (_, components, problem) => {
    expect(definition(components)).toMatchObject({ problem: expect.stringMatching(problem) });
  });

  it('refuses a declared format the placeholders contradict, and bad names or categories', () => {
    expect(definition([{ type: 'BODY', text: 'Hi {{1}}' }], { parameter_format: 'NAMED' })).toMatchObject({ problem: expect.stringMatching(/parameter_format/) });
    expect(definition([{ type: 'BODY', text: 'x' }], { name: 'Order Shipped' })).toEqual({ invalid: ['name'] });
    expect(definition([{ type: 'BODY', text: 'x' }], { category: 'PROMO' })).toEqual({ invalid: ['category'] });
  });
});

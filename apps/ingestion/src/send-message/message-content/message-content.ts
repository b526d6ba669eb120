import type { MessageContent } from '@sealpost/contracts';
import { RenderRefusal, renderTemplate, TemplateText } from '../../templates/render-template';
import type { MessageRequest } from './message-request';

export type ContentRefusal = RenderRefusal;

const UNKNOWN_TEMPLATE: ContentRefusal = {
  code: 132001,
  title: 'Template name does not exist in the translation',
  details: 'template: no template of this business has that name and language code; create it at /{version}/{business_id}/message_templates or check the name',
};

/**
 * What the device will open: `{ type, <type>: {…} }` with the object as the request carried it;
 * a template with what it rendered to; a reply with the `context` it quotes. `template` is the
 * stored template the request names (undefined when there is none).
 */
export function messageContent(request: MessageRequest, template?: TemplateText): MessageContent | ContentRefusal {
  const content = contentOfType(request, template);
  if (!request.context || isContentRefusal(content)) return content;
  return { ...content, context: { message_id: request.context.message_id } };
}

function contentOfType(request: MessageRequest, template?: TemplateText): MessageContent | ContentRefusal {
  if (request.type === 'text') {
    const { body, preview_url } = request.text!;
    return { type: 'text', text: { body, ...(preview_url !== undefined && { preview_url }) } };
  }
  if (request.type === 'template') {
    if (!template) return UNKNOWN_TEMPLATE;
    const rendered = renderTemplate(template, request.template!);
    return 'code' in rendered ? rendered : { type: 'template', template: request.template, rendered };
  }
  return { type: request.type, [request.type]: request[request.type] };
}

export function isContentRefusal(result: MessageContent | ContentRefusal): result is ContentRefusal {
  return 'code' in result && typeof result.code === 'number';
}

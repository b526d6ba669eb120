import { MEDIA_MESSAGE_TYPES, MediaMessageType, MessageContent } from '@sealpost/contracts';
import { RenderRefusal, renderTemplate, TemplateText } from '../../templates/render-template';
import type { MediaObject } from './media.dto';
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
  if (isMediaType(request.type)) return mediaObjectRefusal(request.type, request[request.type]!) ?? { type: request.type, [request.type]: request[request.type] };
  return { type: request.type, [request.type]: request[request.type] };
}

/** caption: image, video and document only (the Cloud API's); filename: documents only */
const CAPTIONED: ReadonlySet<string> = new Set(['image', 'video', 'document']);

/** Why a media object cannot be sent as `type`, or undefined when it can. */
export function mediaObjectRefusal(type: MediaMessageType, object: MediaObject): ContentRefusal | undefined {
  const invalid = (details: string): ContentRefusal => ({ code: 100, title: 'Invalid parameter', details });
  if ((object.id === undefined) === (object.link === undefined)) return invalid(`${type}: give exactly one of id (an uploaded media) and link (an http(s) URL Sealpost fetches once)`);
  if (object.caption !== undefined && !CAPTIONED.has(type)) return invalid(`${type}.caption: only image, video and document take a caption`);
  if (object.filename !== undefined && type !== 'document') return invalid(`${type}.filename: only a document takes a filename`);
  return undefined;
}

export function isContentRefusal(result: MessageContent | ContentRefusal): result is ContentRefusal {
  return 'code' in result && typeof result.code === 'number';
}

export function isMediaType(type: string): type is MediaMessageType {
  return (MEDIA_MESSAGE_TYPES as readonly string[]).includes(type);
}

import { HttpStatus, Injectable } from '@nestjs/common';
import type { MessageContent } from '@sealpost/contracts';
import { ApiError } from '@sealpost/platform';
import { TemplateCatalog, templateKey, TemplateRef } from '../../templates/template-catalog';
import { isContentRefusal, messageContent } from '../message-content/message-content';
import type { AcceptMessageCommand } from './accept-message.command';

/**
 * The content each send of a batch seals: its object as sent, a template rendered. The batch's
 * templates are looked up together (cached per business), never one store read per send.
 */
@Injectable()
export class MessageContents {
  constructor(private readonly catalog: TemplateCatalog) {}

  async of(commands: readonly AcceptMessageCommand[]): Promise<(MessageContent | ApiError)[]> {
    const refs = commands.map(templateRef);
    const templates = await this.catalog.find(refs.filter((ref): ref is TemplateRef => ref !== undefined));
    return commands.map(({ request }, i) => {
      const ref = refs[i];
      const content = messageContent(request, ref && templates.get(templateKey(ref)));
      return isContentRefusal(content) ? new ApiError(HttpStatus.BAD_REQUEST, content.code, content.title, content.details) : content;
    });
  }
}

function templateRef({ business, request }: AcceptMessageCommand): TemplateRef | undefined {
  if (request.type !== 'template' || !request.template) return undefined;
  return { businessId: business.business_id, name: request.template.name, language: request.template.language.code };
}

import { HttpStatus, Injectable } from '@nestjs/common';
import type { MessageContent } from '@sealpost/contracts';
import { ApiError } from '@sealpost/platform';
import { TemplateCatalog, templateKey, TemplateRef } from '../../templates/template-catalog';
import { asMediaApiError } from '@sealpost/platform/media/media-refusal-error';
import { MediaReferences } from '../../media/media-references';
import { isContentRefusal, isMediaType, messageContent } from '../message-content/message-content';
import type { AcceptMessageCommand } from './accept-message.command';

/**
 * The content each send of a batch seals: its object as sent, a template rendered, a media object
 * made what the device fetches and opens it with (a link fetched now). The batch's templates are
 * looked up together (cached per business), never one store read per send; its media side by side.
 */
@Injectable()
export class MessageContents {
  constructor(
    private readonly catalog: TemplateCatalog,
    private readonly media: MediaReferences,
  ) {}

  async of(commands: readonly AcceptMessageCommand[]): Promise<(MessageContent | ApiError)[]> {
    const refs = commands.map(templateRef);
    const templates = await this.catalog.find(refs.filter((ref): ref is TemplateRef => ref !== undefined));
    return Promise.all(
      commands.map(async ({ request, business }, i) => {
        const ref = refs[i];
        const content = messageContent(request, ref && templates.get(templateKey(ref)));
        if (isContentRefusal(content)) return new ApiError(HttpStatus.BAD_REQUEST, content.code, content.title, content.details);
        if (!isMediaType(content.type)) return content;
        const type = content.type;
        return this.media.resolve(business, type, request[type]!).then(
          (media): MessageContent => ({ ...content, [type]: media }),
          (err: unknown) => {
            const refused = asMediaApiError(err);
            if (refused instanceof ApiError) return refused;
            throw refused;
          },
        );
      }),
    );
  }
}

function templateRef({ business, request }: AcceptMessageCommand): TemplateRef | undefined {
  if (request.type !== 'template' || !request.template) return undefined;
  return { businessId: business.business_id, name: request.template.name, language: request.template.language.code };
}

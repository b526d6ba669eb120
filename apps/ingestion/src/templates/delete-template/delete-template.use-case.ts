import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '@sealpost/platform';
import { MessageTemplateRepository } from '../message-template.repository';
import { TemplateCatalog } from '../template-catalog';

/** Deletes a template by name (every language), or the one `hsm_id` names; sends naming it fail with 132001 from then on. */
@Injectable()
export class DeleteTemplateUseCase {
  constructor(
    private readonly repository: MessageTemplateRepository,
    private readonly catalog: TemplateCatalog,
  ) {}

  async execute(businessId: string, name: unknown, hsmId: unknown): Promise<{ success: true }> {
    if (typeof name !== 'string' || name.length === 0 || name.length > 512) throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', 'name: the query must name the template to delete (?name=)');
    if (hsmId !== undefined && (typeof hsmId !== 'string' || !/^\d{1,20}$/.test(hsmId))) throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', 'hsm_id must be a template id');
    const deleted = await this.repository.deleteByName(businessId, name, hsmId);
    this.catalog.forget(businessId);
    if (deleted === 0) throw new ApiError(HttpStatus.NOT_FOUND, 100, 'Template not found', 'this business has no template of that name (and id); GET message_templates lists them');
    return { success: true };
  }
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '@sealpost/platform';
import { numericId } from '@sealpost/platform/numeric-id';
import { MessageTemplateRepository } from '../message-template.repository';
import type { StoredComponent } from '../message-template.schema';
import { TemplateCatalog } from '../template-catalog';
import { checkTemplateDefinition } from '../template-definition';
import { CreateTemplateRequest } from '../template-definition.dto';

/** the Cloud API's cap on a business's templates (unverified businesses) */
const MAX_TEMPLATES = 250;

export interface CreatedTemplate {
  id: string;
  status: 'APPROVED';
  category: string;
}

/** A business adds a template; approved at once (no review), usable by the next send. */
@Injectable()
export class CreateTemplateUseCase {
  constructor(
    private readonly repository: MessageTemplateRepository,
    private readonly catalog: TemplateCatalog,
  ) {}

  async execute(businessId: string, request: CreateTemplateRequest): Promise<CreatedTemplate> {
    const check = checkTemplateDefinition(request);
    if ('problem' in check) throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Invalid parameter', `${check.problem}; see the Cloud API's template components`);
    if ((await this.catalog.ofBusiness(businessId)).length >= MAX_TEMPLATES) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Too many templates', `a business may have ${MAX_TEMPLATES} templates; delete one first`);
    }
    const id = numericId();
    const { name, language, category, components } = request;
    const inserted = await this.repository.insert({
      _id: id,
      business_id: businessId,
      name,
      language,
      category,
      parameter_format: check.parameterFormat,
      components: JSON.parse(JSON.stringify(components)) as StoredComponent[],
      created_at: new Date(),
    });
    this.catalog.forget(businessId);
    if (!inserted) throw new ApiError(HttpStatus.BAD_REQUEST, 100, 'Template already exists', 'this business has a template of that name in that language; delete it first or choose another name');
    return { id, status: 'APPROVED', category };
  }
}

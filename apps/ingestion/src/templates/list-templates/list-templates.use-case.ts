import { Injectable } from '@nestjs/common';
import { TemplateCatalog } from '../template-catalog';
import { TemplateView, toTemplateView } from '../template-view';

/** A business's templates, Cloud API style (`{ data: [...] }`), optionally of one name. */
@Injectable()
export class ListTemplatesUseCase {
  constructor(private readonly catalog: TemplateCatalog) {}

  async execute(businessId: string, name?: string): Promise<{ data: TemplateView[] }> {
    // read through: a listing shows templates another instance created a moment ago
    this.catalog.forget(businessId);
    const templates = await this.catalog.ofBusiness(businessId);
    return { data: templates.filter((t) => name === undefined || t.name === name).map(toTemplateView) };
  }
}

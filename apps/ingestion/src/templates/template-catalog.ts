import { Injectable } from '@nestjs/common';
import { BoundedCache } from '@sealpost/platform';
import { MessageTemplate } from './message-template.schema';
import { MessageTemplateRepository } from './message-template.repository';

/** how long another instance may keep sending a template deleted elsewhere (a change here is seen at once) */
const TEMPLATES_TTL_MS = 30000;
const MAX_BUSINESSES = 10000;

export interface TemplateRef {
  businessId: string;
  name: string;
  language: string;
}

export const templateKey = ({ businessId, name, language }: TemplateRef): string => `${businessId}\u0000${name}\u0000${language}`;

/**
 * Each business's templates in memory, so a batch of template sends costs no store round trip
 * once its business is cached: read once per business per batch at most, and again only when a
 * batch names a template the cache does not hold (created on another instance a moment ago).
 */
@Injectable()
export class TemplateCatalog {
  private readonly byBusiness = new BoundedCache<MessageTemplate[]>(TEMPLATES_TTL_MS, MAX_BUSINESSES);

  constructor(private readonly repository: MessageTemplateRepository) {}

  async ofBusiness(businessId: string): Promise<MessageTemplate[]> {
    const cached = this.byBusiness.get(businessId);
    if (cached) return cached;
    return this.load(businessId);
  }

  /** The templates `refs` name that exist, by templateKey. */
  async find(refs: readonly TemplateRef[]): Promise<Map<string, MessageTemplate>> {
    const found = new Map<string, MessageTemplate>();
    for (const businessId of new Set(refs.map((r) => r.businessId))) {
      const wanted = refs.filter((r) => r.businessId === businessId);
      let templates = await this.ofBusiness(businessId);
      if (wanted.some((ref) => !templates.some((t) => matches(t, ref)))) templates = await this.load(businessId);
      for (const ref of wanted) {
        const template = templates.find((t) => matches(t, ref));
        if (template) found.set(templateKey(ref), template);
      }
    }
    return found;
  }

  /** after a change made here */
  forget(businessId: string): void {
    this.byBusiness.delete(businessId);
  }

  private async load(businessId: string): Promise<MessageTemplate[]> {
    const templates = await this.repository.ofBusiness(businessId);
    this.byBusiness.set(businessId, templates);
    return templates;
  }
}

const matches = (t: MessageTemplate, ref: TemplateRef) => t.name === ref.name && t.language === ref.language;

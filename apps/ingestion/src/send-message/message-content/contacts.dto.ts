import { IsIn, IsOptional, Matches } from 'class-validator';
import { Nested, OptionalNested, OptionalNestedList, OptionalText, Text } from './field-rules';

/** Sealpost's bounds where the Cloud API names none: 1,000 characters a field, 20 entries a list */
const FIELD = 1000;
const ENTRIES = 20;

class ContactName {
  @Text(1, FIELD) formatted_name: string;
  @OptionalText(1, FIELD) first_name?: string;
  @OptionalText(1, FIELD) last_name?: string;
  @OptionalText(1, FIELD) middle_name?: string;
  @OptionalText(1, FIELD) suffix?: string;
  @OptionalText(1, FIELD) prefix?: string;
}

class ContactPhone {
  @OptionalText(1, 64) phone?: string;
  @OptionalText(1, 64) type?: string;
  @OptionalText(1, 64) wa_id?: string;
}

class ContactEmail {
  @OptionalText(1, FIELD) email?: string;
  @OptionalText(1, 64) type?: string;
}

class ContactAddress {
  @OptionalText(1, FIELD) street?: string;
  @OptionalText(1, FIELD) city?: string;
  @OptionalText(1, FIELD) state?: string;
  @OptionalText(1, 64) zip?: string;
  @OptionalText(1, FIELD) country?: string;
  @OptionalText(1, 8) country_code?: string;
  @IsOptional() @IsIn(['HOME', 'WORK']) type?: string;
}

class ContactOrg {
  @OptionalText(1, FIELD) company?: string;
  @OptionalText(1, FIELD) department?: string;
  @OptionalText(1, FIELD) title?: string;
}

class ContactUrl {
  @OptionalText(1, FIELD) url?: string;
  @OptionalText(1, 64) type?: string;
}

/** One entry of `contacts` (Cloud API): a name with formatted_name, and optional phones, emails, addresses, org, urls, birthday. */
export class ContactCard {
  @Nested(() => ContactName) name: ContactName;
  @OptionalNestedList(() => ContactPhone, 1, ENTRIES) phones?: ContactPhone[];
  @OptionalNestedList(() => ContactEmail, 1, ENTRIES) emails?: ContactEmail[];
  @OptionalNestedList(() => ContactAddress, 1, ENTRIES) addresses?: ContactAddress[];
  @OptionalNested(() => ContactOrg) org?: ContactOrg;
  @OptionalNestedList(() => ContactUrl, 1, ENTRIES) urls?: ContactUrl[];
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthday must be YYYY-MM-DD' }) birthday?: string;
}

export const MAX_CONTACTS = ENTRIES;

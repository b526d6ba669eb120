import { Injectable } from '@nestjs/common';
import { PSEUDONYM_KEY_OWNER } from '@sealpost/contracts';
import { IssueDataKeyUseCase } from './issue-data-key/issue-data-key.use-case';

/** The suite-wide pseudonym key as the keys service itself uses it, created on first use. */
@Injectable()
export class PseudonymKey {
  constructor(private readonly issue: IssueDataKeyUseCase) {}

  async material(): Promise<Buffer> {
    const key = await this.issue.obtain(PSEUDONYM_KEY_OWNER, 'pseudonym', 'service:keys');
    if (key === 'destroyed') throw new Error('the pseudonym key was destroyed; no number can be looked up');
    return Buffer.from(key.key, 'base64url');
  }
}

import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { appSecretAad, encryptEnvelope } from '@sealpost/crypto';
import { KeysClient } from '@sealpost/keys-client';
import { newSecretToken } from '@sealpost/platform';
import { BusinessChanges } from '../business-changes';
import { RotatedAccessToken, RotatedAppSecret } from '../business.dto';
import { tokenHash } from '../token-hash';

/**
 * New credentials for a business, shown once; the old ones stop working at once on this
 * instance (within 5 s on others): the access token for the send API, the app secret for
 * signed Kafka submits — and delivery signs status webhooks with the new secret from its next POST.
 */
@Injectable()
export class RotateCredentialsUseCase {
  constructor(
    private readonly changes: BusinessChanges,
    private readonly keys: KeysClient,
  ) {}

  async accessToken(businessId: string): Promise<RotatedAccessToken> {
    const accessToken = newSecretToken('SP');
    await this.changes.apply(businessId, { $set: { token_hash: tokenHash(accessToken) } }, { type: 'business.access_token_rotated', action: 'rotate-access-token' });
    return { access_token: accessToken };
  }

  async appSecret(businessId: string): Promise<RotatedAppSecret> {
    const appSecret = randomBytes(16).toString('hex');
    const secretKey = await this.keys.currentKey('business-secret', businessId);
    const sealed = encryptEnvelope(secretKey.key, Buffer.from(appSecret), appSecretAad(businessId), { keyId: secretKey.key_id, keyVersion: secretKey.version });
    await this.changes.apply(businessId, { $set: { app_secret: sealed } }, { type: 'business.app_secret_rotated', action: 'rotate-app-secret' });
    return { app_secret: appSecret };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomBytes } from 'node:crypto';
import { Model } from 'mongoose';
import { appSecretAad, encryptEnvelope } from '@sealpost/crypto';
import { BusinessChangedPayload, createEvent, MESSAGE_EVENT_TYPES, TOPICS } from '@sealpost/contracts';
import { AuditTrail, KafkaPublisher } from '@sealpost/kafka';
import { KeysClient } from '@sealpost/keys-client';
import { EndpointPolicy, newSecretToken } from '@sealpost/platform';
import { Business } from '../business.schema';
import { CreateBusinessRequest, CreatedBusinessResponse } from '../business.dto';
import { DEFAULT_THROUGHPUT_MPS, toRouting } from '../business-view';
import { numericId } from '@sealpost/platform/numeric-id';
import { tokenHash } from '../token-hash';

/** Onboards a business; its token and app secret are returned once and never stored in the clear. */
@Injectable()
export class CreateBusinessUseCase {
  constructor(
    @InjectModel(Business.name) private readonly businesses: Model<Business>,
    private readonly keys: KeysClient,
    private readonly audit: AuditTrail,
    private readonly publisher: KafkaPublisher,
    private readonly endpoints: EndpointPolicy,
  ) {}

  async execute(request: CreateBusinessRequest): Promise<CreatedBusinessResponse> {
    await this.endpoints.assertAllowed('webhook_url', request.webhook_url);
    const businessId = numericId();
    const accessToken = newSecretToken('SP');
    const appSecret = randomBytes(16).toString('hex');
    const secretKey = await this.keys.currentKey('business-secret', businessId);
    await this.businesses.create({
      business_id: businessId,
      phone_number_id: numericId(),
      name: request.name,
      webhook_url: request.webhook_url,
      throughput_mps: request.throughput_mps ?? DEFAULT_THROUGHPUT_MPS,
      token_hash: tokenHash(accessToken),
      app_secret: encryptEnvelope(secretKey.key, Buffer.from(appSecret), appSecretAad(businessId), { keyId: secretKey.key_id, keyVersion: secretKey.version }),
      revision: 1,
      created_at: new Date(),
    });
    const created = (await this.businesses.findOne({ business_id: businessId }).lean().exec())!;
    // delivery learns the business now, so its customers can write to it before it ever sends
    const announced: BusinessChangedPayload = { business_id: businessId, business: toRouting(created) };
    await this.publisher.publish(TOPICS.messagesAccepted, [{ key: businessId, value: createEvent(MESSAGE_EVENT_TYPES.businessChanged, announced, { businessId, correlationId: businessId }) }]);
    await this.audit.record('business.onboarded', { actor: 'admin', action: 'create-business', target: businessId, outcome: 'success' }, { businessId, correlationId: businessId });
    return { business_id: businessId, phone_number_id: created.phone_number_id, access_token: accessToken, app_secret: appSecret };
  }
}

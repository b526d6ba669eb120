import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ServiceCoreModule } from '@sealpost/platform';
import { retentionParticipantProviders } from '@sealpost/retention-client';
import { KeysAdminController } from './admin/keys-admin.controller';
import { keysCallerCredentialsProvider } from './callers/keys-caller-credentials.provider';
import { KeysCallerGuard } from './callers/keys-caller.guard';
import { KeysEnv } from './config/keys.env';
import { DataKey, DataKeySchema } from './data-keys/data-key.schema';
import { DataKeyMaterial } from './data-keys/data-key-material';
import { InternalDataKeysController } from './data-keys/internal-data-keys.controller';
import { IssueDataKeyUseCase } from './data-keys/issue-data-key/issue-data-key.use-case';
import { PseudonymKey } from './data-keys/pseudonym-key';
import { RewrapDataKey } from './data-keys/rewrap-data-key';
import { RotateKeysUseCase } from './data-keys/rotate-keys/rotate-keys.use-case';
import { UnwrapDataKeyUseCase } from './data-keys/unwrap-data-key/unwrap-data-key.use-case';
import { DeleteUnusedKeksUseCase } from './key-encryption-keys/delete-unused-keks/delete-unused-keks.use-case';
import { KeyEncryptionKey, KeyEncryptionKeySchema } from './key-encryption-keys/key-encryption-key.schema';
import { KeyEncryptionKeysService } from './key-encryption-keys/key-encryption-keys.service';
import { KeyEventsPublisher } from './key-events/key-events.publisher';
import { KeysRetentionHandler } from './retention/keys-retention.handler';
import { ErasedNumber, ErasedNumberSchema } from './recipients/erased-number.schema';
import { ErasedNumbers } from './recipients/erased-numbers';
import { InternalRecipientsController } from './recipients/internal-recipients.controller';
import { ResolvePseudonymUseCase } from './recipients/resolve-pseudonym/resolve-pseudonym.use-case';
import { RecipientRows } from './recipients/recipient-rows';
import { rootKeyProvider } from './root-key/root-key.provider';

@Module({
  imports: [
    ServiceCoreModule.forService({ service: 'keys', env: KeysEnv }),
    MongooseModule.forFeature([
      { name: KeyEncryptionKey.name, schema: KeyEncryptionKeySchema },
      { name: DataKey.name, schema: DataKeySchema },
      { name: ErasedNumber.name, schema: ErasedNumberSchema },
    ]),
  ],
  controllers: [InternalDataKeysController, InternalRecipientsController, KeysAdminController],
  providers: [
    rootKeyProvider,
    keysCallerCredentialsProvider,
    KeysCallerGuard,
    KeyEncryptionKeysService,
    DataKeyMaterial,
    KeyEventsPublisher,
    IssueDataKeyUseCase,
    UnwrapDataKeyUseCase,
    RewrapDataKey,
    RotateKeysUseCase,
    DeleteUnusedKeksUseCase,
    PseudonymKey,
    ResolvePseudonymUseCase,
    RecipientRows,
    ErasedNumbers,
    ...retentionParticipantProviders(KeysRetentionHandler),
  ],
})
export class KeysModule {}

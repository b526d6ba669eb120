import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiTags } from '@nestjs/swagger';
import { Model } from 'mongoose';
import { AdminRoute } from '@sealpost/platform';
import { DataKey } from '../data-keys/data-key.schema';
import { keyState } from '../data-keys/key-state';
import { RotateKeysUseCase } from '../data-keys/rotate-keys/rotate-keys.use-case';
import { ListKeysQuery } from './list-keys.query';

/** Operators see key metadata (never material) and rotate the KEKs. */
@ApiTags('admin')
@AdminRoute()
@Controller('admin/keys')
export class KeysAdminController {
  constructor(
    @InjectModel(DataKey.name) private readonly keys: Model<DataKey>,
    private readonly rotateKeys: RotateKeysUseCase,
  ) {}

  @Get()
  async list(@Query() { business_id }: ListKeysQuery) {
    const docs = await this.keys.find(business_id ? { business_id } : {}).sort({ created_at: 1 }).limit(1000).lean().exec();
    return docs.map((k) => ({
      key_id: k.key_id,
      kind: k.kind,
      business_id: k.business_id,
      epoch_start: k.epoch_start.toISOString(),
      epoch_end: k.epoch_end?.toISOString() ?? null,
      version: k.version,
      state: keyState(k),
      created_at: k.created_at.toISOString(),
      destroyed_at: k.destroyed_at?.toISOString() ?? null,
    }));
  }

  @Post('rotate')
  @HttpCode(200)
  rotate() {
    return this.rotateKeys.execute('admin');
  }
}

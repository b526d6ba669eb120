import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Model } from 'mongoose';
import { AdminRoute, ApiError } from '@sealpost/platform';
import { RequestErasureUseCase } from '../erasures/request-erasure/request-erasure.use-case';
import { StartSweepUseCase } from '../sweeps/start-sweep/start-sweep.use-case';
import { RetentionRun } from './retention-run.schema';
import { runStatus } from './run-status';

class ErasureRequest {
  @ApiProperty({ example: '+12025550123' })
  @IsString()
  @Length(2, 32)
  phone: string;
}

@ApiTags('admin')
@AdminRoute()
@Controller('admin')
export class RunsController {
  constructor(
    @InjectModel(RetentionRun.name) private readonly runs: Model<RetentionRun>,
    private readonly startSweep: StartSweepUseCase,
    private readonly requestErasure: RequestErasureUseCase,
  ) {}

  @Post('sweeps')
  @HttpCode(202)
  async sweep() {
    return { sweep_id: await this.startSweep.execute('admin') };
  }

  @Get('sweeps/:sweep_id')
  sweepStatus(@Param('sweep_id') id: string) {
    return this.status('sweep', id);
  }

  @Post('erasures')
  @HttpCode(202)
  async erase(@Body() body: ErasureRequest) {
    return { erasure_id: await this.requestErasure.execute(body.phone) };
  }

  @Get('erasures/:erasure_id')
  erasureStatus(@Param('erasure_id') id: string) {
    return this.status('erasure', id);
  }

  private async status(kind: 'sweep' | 'erasure', runId: string) {
    const run = await this.runs.findOne({ run_id: runId, kind }).lean().exec();
    if (!run) throw new ApiError(HttpStatus.NOT_FOUND, 100, `Unknown ${kind}`);
    return { [`${kind}_id`]: run.run_id, issued_at: run.issued_at.toISOString(), ...runStatus(run) };
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiParam, ApiTags } from '@nestjs/swagger';
import { BusinessRequest, BusinessTokenGuard } from '../businesses/business-token.guard';
import { GraphVersionPipe } from '../businesses/graph-version';
import { CreatedTemplate, CreateTemplateUseCase } from './create-template/create-template.use-case';
import { DeleteTemplateUseCase } from './delete-template/delete-template.use-case';
import { ListTemplatesUseCase } from './list-templates/list-templates.use-case';
import { CreateTemplateRequest } from './template-definition.dto';
import { TemplateView } from './template-view';

/** `/{version}/{business_id}/message_templates` (CONTRACT §11), the business's own templates only. */
@ApiTags('message templates')
@ApiBearerAuth('business')
@UseGuards(BusinessTokenGuard)
@ApiParam({ name: 'version', example: 'v23.0' })
@Controller(':version/:business_id/message_templates')
export class MessageTemplatesController {
  constructor(
    private readonly createTemplate: CreateTemplateUseCase,
    private readonly listTemplates: ListTemplatesUseCase,
    private readonly deleteTemplate: DeleteTemplateUseCase,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiBody({ schema: { example: { name: 'order_shipped', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hello {{1}}, your order has shipped' }] } } })
  create(@Param('version', GraphVersionPipe) _version: string, @Req() req: BusinessRequest, @Body() body: CreateTemplateRequest): Promise<CreatedTemplate> {
    return this.createTemplate.execute(req.business.business_id, body);
  }

  @Get()
  list(@Param('version', GraphVersionPipe) _version: string, @Req() req: BusinessRequest, @Query('name') name?: string): Promise<{ data: TemplateView[] }> {
    return this.listTemplates.execute(req.business.business_id, typeof name === 'string' ? name : undefined);
  }

  @Delete()
  remove(@Param('version', GraphVersionPipe) _version: string, @Req() req: BusinessRequest, @Query('name') name?: unknown, @Query('hsm_id') hsmId?: unknown): Promise<{ success: true }> {
    return this.deleteTemplate.execute(req.business.business_id, name, hsmId);
  }
}

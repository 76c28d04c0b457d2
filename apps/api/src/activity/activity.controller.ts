import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { RequestLogQueryDto, SessionsQueryDto, UsageQueryDto } from './dto/activity-query.dto';
import { type RequestDetail, RequestLogService, type RequestSummary } from './request-log.service';
import { SessionsViewService } from './sessions-view.service';
import { type UsageReport, UsageService } from './usage.service';
import { requestDetailSchema, requestPageSchema, sessionDetailSchema, sessionPageSchema, usageSchema } from '../docs/response-schemas';

@ApiTags('activity')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api')
export class ActivityController {
  constructor(
    private readonly requestLog: RequestLogService,
    private readonly sessions: SessionsViewService,
    private readonly usage: UsageService,
  ) {}

  @Get('requests')
  @ApiOkResponse({ description: '{ total, items: request summaries }, newest first.', schema: requestPageSchema })
  listRequests(@Query() query: RequestLogQueryDto): Promise<{ total: number; items: RequestSummary[] }> {
    return this.requestLog.list(query);
  }

  @Get('requests/:id')
  @ApiOkResponse({
    description: 'A request with its redacted bodies, attempts, timings, and what the upstream sent that the parser did not know (upstreamUnknownShapes).',
    schema: requestDetailSchema,
  })
  getRequest(@Param('id') id: string): Promise<RequestDetail> {
    return this.requestLog.get(id);
  }

  @Get('sessions')
  @ApiOkResponse({ description: '{ total, items: sessions }, most recently used first.', schema: sessionPageSchema })
  listSessions(@Query() query: SessionsQueryDto) {
    return this.sessions.list(query);
  }

  @Get('sessions/:id')
  @ApiOkResponse({ description: 'A session with its turns and requests.', schema: sessionDetailSchema })
  getSession(@Param('id') id: string) {
    return this.sessions.get(id);
  }

  @Get('usage')
  @ApiOkResponse({ description: 'Requests, errors and tokens per bucket, model and provider; latency percentiles.', schema: usageSchema })
  getUsage(@Query() query: UsageQueryDto): Promise<UsageReport> {
    return this.usage.report(query);
  }
}

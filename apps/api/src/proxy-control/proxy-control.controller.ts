import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { ProxyControlService } from './proxy-control.service';
import { proxyStatusSchema } from '../docs/response-schemas';

@ApiTags('proxy')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/proxy')
export class ProxyControlController {
  constructor(private readonly control: ProxyControlService) {}

  @Get('status')
  @ApiOkResponse({ description: 'Listeners (ports, uptime), accounts and providers with their state.', schema: proxyStatusSchema })
  status(): Promise<Record<string, unknown>> {
    return this.control.status();
  }

  @Post('start')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Opens the proxy and router ports; answers the new status.', schema: proxyStatusSchema })
  start(): Promise<Record<string, unknown>> {
    return this.control.start();
  }

  @Post('stop')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Closes the proxy and router ports (open requests get a grace period); answers the new status.', schema: proxyStatusSchema })
  stop(): Promise<Record<string, unknown>> {
    return this.control.stop();
  }
}

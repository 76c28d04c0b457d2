import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { ProxyControlService } from './proxy-control.service';

@ApiTags('proxy')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/proxy')
export class ProxyControlController {
  constructor(private readonly control: ProxyControlService) {}

  @Get('status')
  @ApiOkResponse({ description: 'Listeners (ports, uptime), accounts and providers with their state.' })
  status(): Promise<Record<string, unknown>> {
    return this.control.status();
  }

  @Post('start')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Opens the proxy and router ports; answers the new status.' })
  start(): Promise<Record<string, unknown>> {
    return this.control.start();
  }

  @Post('stop')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Closes the proxy and router ports (open requests get a grace period); answers the new status.' })
  stop(): Promise<Record<string, unknown>> {
    return this.control.stop();
  }
}

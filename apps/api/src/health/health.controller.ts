import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ListenerManager } from '../listeners/listener-manager';
import { LISTENER_MANAGER } from '../listeners/listeners.constants';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LISTENER_MANAGER) private readonly listeners: ListenerManager,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Liveness, database state and listener state.' })
  async health(): Promise<Record<string, unknown>> {
    let database = 'ok';
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      database = 'unreachable';
    }
    return {
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      uptimeSeconds: Math.round(process.uptime()),
      listeners: (['proxy', 'router', 'control'] as const).map((name) => this.listeners.state(name)),
    };
  }
}

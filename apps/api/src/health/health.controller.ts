import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { ListenerManager } from '../listeners/listener-manager';
import { LISTENER_MANAGER } from '../listeners/listeners.constants';
import { RecordWriter } from '../recording/record-writer';
import { healthSchema, liveSchema, readySchema } from '../docs/response-schemas';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LISTENER_MANAGER) private readonly listeners: ListenerManager,
    private readonly records: RecordWriter,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Summary: database state and listener state.', schema: healthSchema })
  async health(): Promise<Record<string, unknown>> {
    const database = await this.databaseState();
    return {
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      uptimeSeconds: Math.round(process.uptime()),
      listeners: this.listenerStates(),
    };
  }

  @Get('live')
  @ApiOkResponse({ description: 'The process is up and its event loop answers.', schema: liveSchema })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'Database reachable, migrations done, request log writable, proxy listening.', schema: readySchema })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the body says which check failed.', schema: readySchema })
  async ready(@Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    const database = await this.databaseState();
    const migrationsPending = database === 'ok' ? await this.dataSource.showMigrations().catch(() => true) : true;
    const listeners = this.listenerStates();
    const proxyRunning = listeners.find((listener) => listener.name === 'proxy')?.running ?? false;
    // A database that answers SELECT 1 can still refuse every write (a full disk): rows dropped say so.
    const recorder = this.records.health();
    const ready = database === 'ok' && !migrationsPending && proxyRunning && recorder.ok;
    response.status(ready ? 200 : 503);
    return {
      status: ready ? 'ready' : 'not-ready',
      checks: {
        database,
        migrations: migrationsPending ? 'pending' : 'done',
        recorder: recorder.ok ? 'ok' : 'failing',
        proxy: proxyRunning ? 'listening' : 'stopped',
      },
      ...(recorder.ok ? {} : { recorder }),
      listeners,
    };
  }

  private async databaseState(): Promise<'ok' | 'unreachable'> {
    try {
      await this.dataSource.query('SELECT 1');
      return 'ok';
    } catch {
      return 'unreachable';
    }
  }

  private listenerStates() {
    return (['proxy', 'router', 'control'] as const).map((name) => this.listeners.state(name));
  }
}

import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CredentialsService } from '../credentials/credentials.service';
import { MetricsService } from './metrics.service';
import { metricsContent } from '../docs/response-schemas';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly credentials: CredentialsService,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({
    description: 'Prometheus text format: requests, latency and time-to-first-token histograms, upstream failures, active requests, account and provider states.',
    content: metricsContent,
  })
  async scrape(): Promise<string> {
    // Account states are read at scrape time: they change on the clock (expiry) as well as on events.
    const counts: Record<string, number> = { valid: 0, expired: 0, invalid: 0, 'needs-verification': 0, cooldown: 0 };
    for (const account of await this.credentials.list()) counts[account.status] = (counts[account.status] ?? 0) + 1;
    for (const [state, count] of Object.entries(counts)) this.metrics.accountStates.set({ state }, count);
    return this.metrics.registry.metrics();
  }
}

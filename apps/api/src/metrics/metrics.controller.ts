import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthenticationError } from '@qwen-proxy/contracts';
import { type AppConfig, isLoopbackHost } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CredentialsService } from '../credentials/credentials.service';
import { bearerToken, tokensMatch } from '../security/admin-token';
import { ADMIN_TOKEN } from '../security/security.constants';
import { MetricsService } from './metrics.service';
import { metricsContent } from '../docs/response-schemas';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly credentials: CredentialsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ADMIN_TOKEN) private readonly adminToken: string,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({
    description: 'Prometheus text format: requests, latency and time-to-first-token histograms, upstream failures, active requests, account and provider states.',
    content: metricsContent,
  })
  async scrape(@Req() request: Request): Promise<string> {
    this.assertMayScrape(request);
    // Account states are read at scrape time: they change on the clock (expiry) as well as on events.
    const counts: Record<string, number> = { valid: 0, expired: 0, invalid: 0, 'needs-verification': 0, cooldown: 0 };
    for (const account of await this.credentials.list()) counts[account.status] = (counts[account.status] ?? 0) + 1;
    for (const [state, count] of Object.entries(counts)) this.metrics.accountStates.set({ state }, count);
    return this.metrics.registry.metrics();
  }

  /**
   * On loopback anyone on this machine may scrape (as before). Bound beyond it, the metrics name
   * models, accounts' states and traffic: a scraper needs METRICS_TOKEN or the admin token.
   */
  private assertMayScrape(request: Request): void {
    if (isLoopbackHost(this.config.host)) return;
    const token = bearerToken(request.headers);
    const allowed = [this.config.metricsToken, this.adminToken].filter((candidate): candidate is string => Boolean(candidate));
    if (token && allowed.some((candidate) => tokensMatch(candidate, token))) return;
    throw new AuthenticationError('/metrics listens beyond this machine: send "Authorization: Bearer <METRICS_TOKEN or the admin token>".', { code: 'metrics_token_required' });
  }
}

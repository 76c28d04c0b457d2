import type { Request } from 'express';
import { loadConfig } from '../config/app-config';
import type { CredentialsService } from '../credentials/credentials.service';
import { MetricsController } from './metrics.controller';
import type { MetricsService } from './metrics.service';

describe(MetricsController.name, () => {
  const adminToken = 'admin-token-0123456789';
  const metricsToken = 'metrics-token-0123456789';
  const metrics = { accountStates: { set: () => undefined }, registry: { metrics: async () => '# metrics\n' } } as unknown as MetricsService;
  const credentials = { list: async () => [] } as unknown as CredentialsService;
  const controllerOn = (host: string) => new MetricsController(metrics, credentials, loadConfig({ HOST: host, METRICS_TOKEN: metricsToken }), adminToken);
  const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as Request;

  it('is open on loopback, as before', async () => {
    await expect(controllerOn('127.0.0.1').scrape(request())).resolves.toContain('# metrics');
  });

  it('needs METRICS_TOKEN or the admin token as a bearer token once bound beyond loopback', async () => {
    const exposed = controllerOn('0.0.0.0');
    await expect(exposed.scrape(request())).rejects.toMatchObject({ status: 401, code: 'metrics_token_required' });
    await expect(exposed.scrape(request('Bearer wrong-token-0123456789'))).rejects.toMatchObject({ status: 401 });
    await expect(exposed.scrape(request(`Bearer ${metricsToken}`))).resolves.toContain('# metrics');
    await expect(exposed.scrape(request(`Bearer ${adminToken}`))).resolves.toContain('# metrics');
  });
});

import { Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@qwen-proxy/contracts';
import { formatDoctorReport, QwenClient, runUpstreamDoctor, withoutStaleCapturedHeaders, type DoctorReport } from '@qwen-proxy/qwen';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { doctorReportSchema } from '../docs/response-schemas';
import { CredentialsService } from '../credentials/credentials.service';
import { AdminTokenGuard } from '../security/admin-token.guard';

/** How long the whole probe may take: seven calls, one of them a short completion. */
const diagnosisTimeoutMs = 90_000;

@ApiTags('credentials')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/credentials')
export class CredentialDiagnosisController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly client: QwenClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The upstream doctor with this account (the same probe as `npm run doctor`). */
  @Post(':id/diagnose')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      '{ baseUrl, startedAt, ok, steps: [{ name, ok, classification, summary, durationMs, exchanges }], text }: homepage and version, ' +
      'token check, model list, chats/new, a one-word completion, stop, delete. Redacted: no token, cookie values masked.',
    schema: doctorReportSchema,
  })
  async diagnose(@Param('id', ParseUUIDPipe) id: string): Promise<DoctorReport & { text: string }> {
    const account = (await this.credentials.usable()).find((candidate) => candidate.row.id === id);
    if (!account) throw new NotFoundError(`No Qwen account with id ${id}.`, { code: 'credential_not_found', param: 'id' });
    const { credentials } = withoutStaleCapturedHeaders(account.credentials, account.row.bxCapturedAt ?? null, Date.now(), this.config.qwen.capturedHeaderMaxAge);
    const { dispatcher: _ownPool, ...options } = this.client.options;
    const report = await runUpstreamDoctor({ client: options, credentials, signal: AbortSignal.timeout(diagnosisTimeoutMs) });
    return { ...report, text: formatDoctorReport(report) };
  }
}

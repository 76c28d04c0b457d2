import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { isGatewayError, NotFoundError } from '@qwen-proxy/contracts';
import { CredentialsService } from '../credentials/credentials.service';
import { QwenAccountPool } from '../credentials/qwen-account-pool';
import { AdminTokenGuard } from '../security/admin-token.guard';

export interface CredentialTestResult {
  ok: boolean;
  latencyMs: number;
  /** Who Qwen says the token belongs to, when it answered. */
  profile?: { email?: string; name?: string };
  code?: string;
  error?: string;
}

@ApiTags('credentials')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/credentials')
export class CredentialTestController {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly pool: QwenAccountPool,
  ) {}

  /**
   * A real round trip to Qwen with this account's token, through the account's own proxy (as its
   * requests go: the Test must neither pass where they fail nor reveal this machine's address);
   * the account's state follows the answer.
   */
  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ ok, latencyMs, profile? } or { ok: false, code, error }; a failure updates the account state (expired, needs verification…).' })
  async test(@Param('id', ParseUUIDPipe) id: string): Promise<CredentialTestResult> {
    const account = (await this.credentials.usable()).find((candidate) => candidate.row.id === id);
    if (!account) throw new NotFoundError(`No Qwen account with id ${id}.`, { code: 'credential_not_found', param: 'id' });
    const started = performance.now();
    try {
      const profile = await this.pool.clientOf(account).checkToken(account.credentials, AbortSignal.timeout(15_000));
      if (account.row.status !== 'valid' && account.row.status !== 'cooldown') {
        await this.credentials.updateState(id, { status: 'valid', statusReason: null, verificationUrl: null });
      }
      return { ok: true, latencyMs: Math.round(performance.now() - started), profile: { email: profile.email, name: profile.name } };
    } catch (error) {
      if (isGatewayError(error)) this.pool.reportFailure(id, error);
      return {
        ok: false,
        latencyMs: Math.round(performance.now() - started),
        code: isGatewayError(error) ? error.code : 'internal_error',
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}

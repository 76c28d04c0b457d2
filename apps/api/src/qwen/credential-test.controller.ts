import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { isGatewayError, NotFoundError } from '@qwen-proxy/contracts';
import { missingAntiBotCookies } from '@qwen-proxy/qwen';
import { CredentialsService } from '../credentials/credentials.service';
import { QwenAccountPool } from '../credentials/qwen-account-pool';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { completionRoundTrip, type RoundTripResult } from './account-round-trip';
import { credentialTestSchema } from '../docs/response-schemas';

export interface CredentialTestResult {
  ok: boolean;
  latencyMs: number;
  /** Who Qwen says the token belongs to, when it answered. */
  profile?: { email?: string; name?: string };
  /** The completion that went through: the model asked and the start of its answer. */
  completion?: RoundTripResult;
  /** Anti-bot cookies the account's jar lacks (the usual cause of `qwen_bad_request`). */
  missingCookies?: string[];
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
   * A real round trip to Qwen with this account, as a request makes it, through the account's own
   * proxy (the Test must neither pass where requests fail nor reveal this machine's address): the
   * profile, then a one-line completion in a chat deleted afterwards. The account's state follows the answer.
   */
  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({
    schema: credentialTestSchema,
    description:
      '{ ok, latencyMs, profile, completion } or { ok: false, code, error }; a failure updates the account state (expired, needs verification, invalid after Bad_Request…).',
  })
  async test(@Param('id', ParseUUIDPipe) id: string): Promise<CredentialTestResult> {
    const account = (await this.credentials.usable()).find((candidate) => candidate.row.id === id);
    if (!account) throw new NotFoundError(`No Qwen account with id ${id}.`, { code: 'credential_not_found', param: 'id' });
    const missing = missingAntiBotCookies(account.row.cookieNames ? account.row.cookieNames.split(',') : []);
    const missingCookies = missing.length ? { missingCookies: missing } : {};
    const started = performance.now();
    const signal = AbortSignal.timeout(30_000);
    try {
      const client = this.pool.clientOf(account);
      const profile = await client.checkToken(account.credentials, signal);
      const completion = await completionRoundTrip(client, account.credentials, signal);
      this.pool.reportSuccess(id);
      if (account.row.status !== 'valid' && account.row.status !== 'cooldown') {
        await this.credentials.updateState(id, { status: 'valid', statusReason: null, verificationUrl: null });
      }
      return { ok: true, latencyMs: Math.round(performance.now() - started), profile: { email: profile.email, name: profile.name }, completion, ...missingCookies };
    } catch (error) {
      // Awaited: the console reads the account right after and must see its new state.
      if (isGatewayError(error)) await this.pool.reportFailure(id, error, { conclusive: true });
      return {
        ok: false,
        latencyMs: Math.round(performance.now() - started),
        code: isGatewayError(error) ? error.code : 'internal_error',
        error: error instanceof Error ? error.message : String(error),
        ...missingCookies,
      };
    }
  }
}

import { Injectable } from '@nestjs/common';
import { AuthenticationError, isGatewayError, PermissionDeniedError, ServiceUnavailableError } from '@qwen-proxy/contracts';
import type { ExtensionTokenEntity } from '@qwen-proxy/persistence';
import { tokenFromCookies } from '@qwen-proxy/qwen';
import { CredentialsService } from '../credentials/credentials.service';
import { QwenAccountPool } from '../credentials/qwen-account-pool';
import { accountIdOf } from '../credentials/token-claims';
import type { CredentialViewDto } from '../credentials/dto/credential-view.dto';
import { StatusEvents } from '../events/status-events';
import type { ExtensionCredentialsDto } from './dto/extension-credentials.dto';
import type { ExtensionStatusDto } from './dto/extension-status.dto';
import type { PairRequestDto } from './dto/pair-request.dto';
import type { PairResponseDto } from './dto/pair-response.dto';
import { extensionIdOfOrigin } from './extension-origin';
import { ExtensionTokensService } from './extension-tokens.service';
import { PairingCodes, type PairingCodeRefusal } from './pairing-codes';

const refusalMessages: Record<PairingCodeRefusal, string> = {
  unknown: 'The pairing code is not valid: press Connect in the admin console again.',
  expired: 'The pairing code has expired (codes live 5 minutes): press Connect in the admin console again.',
  used: 'The pairing code was already used: press Connect in the admin console again.',
};

/** Pairing (code → scoped token) and what a paired extension may do: write credentials, read its status. */
@Injectable()
export class ExtensionIntakeService {
  constructor(
    private readonly codes: PairingCodes,
    private readonly tokens: ExtensionTokensService,
    private readonly credentials: CredentialsService,
    private readonly events: StatusEvents,
    private readonly pool: QwenAccountPool,
  ) {}

  async pair(body: PairRequestDto, origin: string | undefined): Promise<PairResponseDto> {
    const outcome = this.codes.consume(body.code);
    if (!outcome.ok) throw new AuthenticationError(refusalMessages[outcome.refusal], { code: `pairing_code_${outcome.refusal}`, param: 'code' });
    // The browser sets Origin and a page cannot forge it, so it beats what the body claims.
    const extensionId = extensionIdOfOrigin(origin) ?? body.extensionId ?? null;
    const { token } = await this.tokens.issue({ extensionId, userAgent: body.userAgent ?? null });
    return { token };
  }

  async receiveCredentials(extensionToken: ExtensionTokenEntity, body: ExtensionCredentialsDto): Promise<CredentialViewDto> {
    await this.assertOwnsClaimedAccount(body);
    const view = await this.credentials.save(
      {
        cookies: body.cookies,
        token: body.token,
        userAgent: body.userAgent,
        bxUa: body.bxUa,
        bxUmidtoken: body.bxUmidtoken,
        bxV: body.bxV,
        source: 'extension',
      },
      'extension',
    );
    await this.tokens.recordSync(extensionToken.id, view.id);
    this.events.publish({ type: 'credential-changed', id: view.id, status: view.status });
    return view;
  }

  /**
   * A delivery names its Qwen user only through the token's `id` claim, which nobody checked: a
   * forged token could overwrite another person's account (its cookies, and so who answers its
   * conversations). Before a delivery replaces an existing account, Qwen itself
   * (`GET /api/v1/auths/`, through that account's proxy) must say the token is that user's.
   */
  private async assertOwnsClaimedAccount(body: ExtensionCredentialsDto): Promise<void> {
    const token = (body.token?.trim().replace(/^bearer\s+/i, '') || tokenFromCookies(body.cookies.trim()))?.trim();
    const claimed = token ? accountIdOf(token) : undefined;
    if (!token || !claimed) return;
    const existing = (await this.credentials.usable()).find((candidate) => candidate.row.accountId === claimed);
    if (!existing) return;
    let profileId: string | undefined;
    try {
      const profile = await this.pool.clientOf(existing).checkToken(
        { token, cookies: body.cookies, userAgent: body.userAgent, bxUa: body.bxUa, bxUmidtoken: body.bxUmidtoken, bxV: body.bxV },
        AbortSignal.timeout(15_000),
      );
      profileId = profile.id;
    } catch (error) {
      if (isGatewayError(error) && error.status === 401) {
        throw new AuthenticationError(`Qwen does not accept the delivered token, so it cannot replace the account "${existing.row.label}". Log in to chat.qwen.ai again.`, {
          code: 'delivered_token_rejected',
        });
      }
      throw new ServiceUnavailableError(`The delivered token could not be checked with Qwen before replacing the account "${existing.row.label}"; the extension will send it again.`, {
        code: 'delivered_token_unchecked',
        retryable: true,
        cause: error,
      });
    }
    if (profileId !== claimed) {
      throw new PermissionDeniedError(`The delivered token belongs to ${profileId ? 'another Qwen user' : 'no Qwen user Qwen could name'}; it may not replace the account "${existing.row.label}".`, {
        code: 'account_mismatch',
      });
    }
  }

  async status(extensionToken: ExtensionTokenEntity): Promise<ExtensionStatusDto> {
    const credential = extensionToken.credentialId ? await this.credentials.get(extensionToken.credentialId).catch(() => undefined) : undefined;
    return { paired: true, credentialStatus: credential?.status ?? null, lastSyncAt: extensionToken.lastSyncAt };
  }
}

import { Injectable } from '@nestjs/common';
import { AuthenticationError } from '@qwen-proxy/contracts';
import type { ExtensionTokenEntity } from '@qwen-proxy/persistence';
import { CredentialsService } from '../credentials/credentials.service';
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

  async status(extensionToken: ExtensionTokenEntity): Promise<ExtensionStatusDto> {
    const credential = extensionToken.credentialId ? await this.credentials.get(extensionToken.credentialId).catch(() => undefined) : undefined;
    return { paired: true, credentialStatus: credential?.status ?? null, lastSyncAt: extensionToken.lastSyncAt };
  }
}

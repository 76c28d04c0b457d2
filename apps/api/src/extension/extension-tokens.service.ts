import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { NotFoundError } from '@qwen-proxy/contracts';
import { ExtensionTokenEntity } from '@qwen-proxy/persistence';
import type { ExtensionTokenViewDto } from './dto/extension-token-view.dto';
import { hashExtensionToken, looksLikeExtensionToken, newExtensionToken } from './extension-token-hash';
import { originOfExtension } from './extension-origin';

/** Scoped extension tokens: issued at pairing, stored hashed, listed and revoked by the admin. */
@Injectable()
export class ExtensionTokensService implements OnModuleInit {
  /** Origins of paired extensions, kept in memory because CORS asks on every request. */
  private pairedOrigins = new Set<string>();

  constructor(@InjectRepository(ExtensionTokenEntity) private readonly repository: Repository<ExtensionTokenEntity>) {}

  async onModuleInit(): Promise<void> {
    await this.refreshPairedOrigins();
  }

  /** Issues a token; the plain value is returned once and never stored. */
  async issue(input: { extensionId: string | null; userAgent: string | null }): Promise<{ token: string; view: ExtensionTokenViewDto }> {
    const token = newExtensionToken();
    const row = Object.assign(new ExtensionTokenEntity(), {
      id: randomUUID(),
      tokenHash: hashExtensionToken(token),
      extensionId: input.extensionId,
      userAgent: input.userAgent,
      credentialId: null,
      lastSyncAt: null,
      lastUsedAt: null,
      createdAt: Date.now(),
    });
    await this.repository.insert(row);
    await this.refreshPairedOrigins();
    return { token, view: this.view(row) };
  }

  /** The token's row, or undefined when it is unknown or revoked. */
  async authenticate(token: string): Promise<ExtensionTokenEntity | undefined> {
    if (!looksLikeExtensionToken(token)) return undefined;
    const row = await this.repository.findOneBy({ tokenHash: hashExtensionToken(token) });
    if (!row) return undefined;
    row.lastUsedAt = Date.now();
    await this.repository.update({ id: row.id }, { lastUsedAt: row.lastUsedAt });
    return row;
  }

  async recordSync(id: string, credentialId: string): Promise<number> {
    const lastSyncAt = Date.now();
    await this.repository.update({ id }, { credentialId, lastSyncAt });
    return lastSyncAt;
  }

  async list(): Promise<ExtensionTokenViewDto[]> {
    const rows = await this.repository.find({ order: { createdAt: 'ASC' } });
    return rows.map((row) => this.view(row));
  }

  /** Revoking deletes the row: a revoked token is simply unknown from then on. */
  async revoke(id: string): Promise<void> {
    const result = await this.repository.delete({ id });
    if (!result.affected) throw new NotFoundError(`No extension token with id ${id}.`, { code: 'extension_token_not_found', param: 'id' });
    await this.refreshPairedOrigins();
  }

  isPairedOrigin(origin: string): boolean {
    return this.pairedOrigins.has(origin);
  }

  private async refreshPairedOrigins(): Promise<void> {
    const rows = await this.repository.find({ select: { id: true, extensionId: true } });
    this.pairedOrigins = new Set(rows.flatMap((row) => (row.extensionId ? [originOfExtension(row.extensionId)] : [])));
  }

  private view(row: ExtensionTokenEntity): ExtensionTokenViewDto {
    return {
      id: row.id,
      extensionId: row.extensionId,
      userAgent: row.userAgent,
      credentialId: row.credentialId,
      lastSyncAt: row.lastSyncAt,
      lastUsedAt: row.lastUsedAt,
      createdAt: row.createdAt,
    };
  }
}

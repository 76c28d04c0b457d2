import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, type Repository } from 'typeorm';
import { type ChatMessage, NotFoundError } from '@qwen-proxy/contracts';
import { StoredResponseEntity } from '@qwen-proxy/persistence';
import type { ResponseObject } from './response-object';

/** How long a response can be continued from or fetched. */
const keptForMs = 30 * 24 * 3_600_000;
const pruneEveryMs = 3_600_000;

/**
 * Responses kept for `previous_response_id`: each one's conversation up to and including it, so
 * the next request is that conversation plus its own input. The Qwen provider then finds the
 * same chat by the history's hash and continues it with only the new turn.
 */
@Injectable()
export class ResponseStore {
  private readonly logger = new Logger(ResponseStore.name);
  private lastPrunedAt = 0;

  constructor(@InjectRepository(StoredResponseEntity) private readonly repository: Repository<StoredResponseEntity>) {}

  /**
   * The conversation a `previous_response_id` stands for. Responses belong to the API key that
   * created them (`clientScope`, null in open mode): another key's id is not found, as if unknown.
   */
  async conversationOf(responseId: string, clientScope: string | null): Promise<ChatMessage[]> {
    const row = await this.repository.findOne({ where: { id: responseId, clientScope: clientScope ?? IsNull() }, select: { id: true, conversation: true } });
    if (!row) throw notFound(responseId, 'previous_response_id');
    return row.conversation as ChatMessage[];
  }

  async find(responseId: string, clientScope: string | null): Promise<ResponseObject> {
    const row = await this.repository.findOne({ where: { id: responseId, clientScope: clientScope ?? IsNull() }, select: { id: true, response: true } });
    if (!row) throw notFound(responseId);
    return row.response as ResponseObject;
  }

  async save(entry: { response: ResponseObject; conversation: ChatMessage[]; requestId: string; clientScope: string | null }): Promise<void> {
    const now = Date.now();
    await this.repository.insert({
      id: entry.response.id,
      requestId: entry.requestId,
      model: entry.response.model,
      clientScope: entry.clientScope,
      conversation: entry.conversation,
      response: entry.response,
      createdAt: now,
    });
    if (now - this.lastPrunedAt > pruneEveryMs) {
      this.lastPrunedAt = now;
      this.repository.delete({ createdAt: LessThan(now - keptForMs) }).catch((error: unknown) => this.logger.warn(`Pruning stored responses failed: ${String(error)}`));
    }
  }
}

function notFound(responseId: string, param?: string): NotFoundError {
  return new NotFoundError(`Response with id '${responseId}' not found.`, { code: param ? 'previous_response_not_found' : 'not_found', param });
}

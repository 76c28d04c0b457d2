import { QwenClient, QwenFileUploader, type QwenCredentials, type QwenUploadedFile, type QwenUploadInput } from '@qwen-proxy/qwen';
import type { QwenAccountLease } from '../qwen-web/account-source';

/** The upload flow, as the preparer needs it (a fake in specs). */
export interface FileUploading {
  upload(credentials: QwenCredentials, input: QwenUploadInput, signal?: AbortSignal): Promise<QwenUploadedFile>;
}

/**
 * One uploader per Qwen client: an account behind its own proxy has its own client, and its
 * uploads must leave through the same proxy as its chats.
 */
export class ClientBoundUploaders {
  private readonly byClient = new WeakMap<QwenClient, QwenFileUploader>();
  private readonly made: QwenFileUploader[] = [];
  private readonly fallback: QwenFileUploader;

  constructor(defaultClient: QwenClient) {
    this.fallback = this.uploaderOf(defaultClient);
  }

  for(lease: Pick<QwenAccountLease, 'client'>): FileUploading {
    return lease.client instanceof QwenClient ? this.uploaderOf(lease.client) : this.fallback;
  }

  async close(): Promise<void> {
    await Promise.all(this.made.map((uploader) => uploader.close()));
  }

  private uploaderOf(client: QwenClient): QwenFileUploader {
    let uploader = this.byClient.get(client);
    if (!uploader) {
      uploader = new QwenFileUploader(client.options);
      this.byClient.set(client, uploader);
      this.made.push(uploader);
    }
    return uploader;
  }
}

import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ClientBoundUploaders, QwenAttachmentPreparer, RemoteFileFetcher } from '@qwen-proxy/providers';
import { QwenClient } from '@qwen-proxy/qwen';

/**
 * Images and files for the Qwen web provider: the SSRF-guarded fetcher for client URLs, one
 * uploader per Qwen client (accounts behind a proxy upload through it), and the preparer that
 * combines them with the upload cache. Owns their connection pools.
 */
@Injectable()
export class QwenAttachments implements OnModuleDestroy {
  /** Its `policy` decides which addresses client URLs may reach (public only). */
  readonly fetcher = new RemoteFileFetcher();
  readonly preparer: QwenAttachmentPreparer;
  private readonly uploaders: ClientBoundUploaders;

  constructor(client: QwenClient) {
    this.uploaders = new ClientBoundUploaders(client);
    this.preparer = new QwenAttachmentPreparer({ fetcher: this.fetcher, uploaderFor: (lease) => this.uploaders.for(lease) });
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.fetcher.close(), this.uploaders.close()]);
  }
}

import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { fromEvent, takeUntil, tap } from 'rxjs';
import { BadGatewayError, BadRequestError, type GatewayError, toGatewayError } from '@qwen-proxy/contracts';
import { OpenAiCompatibleProvider, orderCandidates, qwenWebProviderId, reduceChatEvents, type RouteCandidate, type UpstreamImagesAnswer } from '@qwen-proxy/providers';
import { isModelAllowed } from '../api-keys/model-allowlist';
import { announceAnswerer, type ListenerName, listenerOf, SurfaceChatRunner } from '../common/surface-chat-runner';
import { ModelCatalogueService } from '../models/model-catalogue.service';
import { QwenAttachments } from '../qwen/qwen-attachments';
import { RequestRecorder } from '../recording/request-recorder';
import { RouterService } from '../router/router.service';
import { SettingsService } from '../settings/settings.service';
import type { ImageGenerationRequestDto } from './dto/image-generation-request.dto';
import { imageUrlsOf } from './image-answer.mapping';
import { aspectRatioOf } from './image-size.mapping';

/** OpenAI's `ImagesResponse`. */
export interface ImagesResponse {
  created: number;
  data: Array<{ url: string } | { b64_json: string }>;
}

/** What a `b64_json` answer fetches: the formats Qwen's CDN serves its drawings in. */
const drawnImage = { mediaTypes: ['image/png', 'image/jpeg', 'image/webp'], description: 'an image (PNG, JPEG or WebP)' };

/**
 * `/v1/images/generations` over Qwen's t2i chat: one fresh chat per request (through the account
 * pool and the router like every chat, so keys, budgets, fallback and the request log apply),
 * the drawn URLs handed back, or fetched and base64-encoded through the SSRF-guarded fetcher.
 */
@Injectable()
export class ImagesService {
  constructor(
    private readonly runner: SurfaceChatRunner,
    private readonly catalogue: ModelCatalogueService,
    private readonly router: RouterService,
    private readonly settings: SettingsService,
    private readonly attachments: QwenAttachments,
    private readonly recorder: RequestRecorder,
  ) {}

  /** Advances once per passed-through request (round-robin). */
  private turn = 0;

  async generate(body: ImageGenerationRequestDto, request: Request, response: Response): Promise<ImagesResponse | UpstreamImagesAnswer | undefined> {
    const listener = listenerOf(request);
    if (listener === 'router' && body.model !== undefined) {
      const candidates = await this.router.resolve(body.model);
      // A model only OpenAI-compatible providers serve: they draw themselves, with their own limits on n and size.
      if (!candidates.some((candidate) => candidate.provider.type === qwenWebProviderId)) return this.passThrough(body, candidates, request, response);
    }
    if ((body.n ?? 1) > 1) {
      throw new BadRequestError('n must be 1: a Qwen t2i chat draws one answer per request. Send one request per image.', { code: 'invalid_value', param: 'n' });
    }
    const aspectRatio = aspectRatioOf(body.size);
    const model = await this.drawingModel(body.model, listener, request.apiKey?.allowedModels ?? null);
    request.recordingStarted = true;
    const run = this.runner.start(
      { model, messages: [{ role: 'user', content: body.prompt }], stream: false, imageGeneration: { aspectRatio } },
      { requestId: request.requestId, listener, surface: 'images', userAgent: request.header('user-agent'), body, apiKeyId: request.apiKey?.id },
    );
    const closed = fromEvent(response, 'close');
    const result = await reduceChatEvents(
      run.events.pipe(
        takeUntil(closed),
        tap((event) => announceAnswerer(response, event, (id) => this.router.providerName(id))),
      ),
    );
    const fail = async (error: GatewayError): Promise<never> => {
      await run.recording.endDurably({ statusCode: error.status, cancelled: false, error });
      throw error;
    };
    if (result.error) return fail(result.error);
    if (!result.finishReason) {
      run.recording.end({ statusCode: 499, cancelled: true });
      return undefined;
    }
    const urls = imageUrlsOf(result.text);
    if (urls.length === 0) {
      // Qwen answered in words (a refusal it did not flag, a question back): no picture to hand over.
      const said = result.text.trim().slice(0, 300);
      return fail(new BadGatewayError(`Qwen drew no image${said ? `; it answered: ${said}` : ''}.`, { code: 'no_image_generated' }));
    }
    let data: ImagesResponse['data'];
    try {
      data = body.response_format === 'b64_json' ? await this.encoded(urls) : urls.map((url) => ({ url }));
    } catch (error) {
      return fail(toGatewayError(error));
    }
    await run.recording.endDurably({ statusCode: 200, cancelled: false });
    return { created: run.created, data };
  }

  /**
   * The model that draws: the one asked for, when it lists `t2i`, else the first Qwen model that
   * does. On the proxy port an alias counts as the model it names; on the router an alias or a
   * model served elsewhere is left to the router, which sends drawings only to Qwen.
   */
  private async drawingModel(asked: string | undefined, listener: ListenerName, allowedModels: string[] | null): Promise<string> {
    const models = await this.catalogue.list();
    const drawing = models.filter((model) => model.capabilities?.['imageGeneration'] === true && !model.variantOf);
    if (asked === undefined) {
      // The default must be a model the API key may use: the key's allowlist is checked on `model`, which is absent here.
      const usable = drawing.find((model) => isModelAllowed(allowedModels, model.id));
      if (!usable) {
        throw new BadRequestError(
          drawing.length === 0 ? 'None of the Qwen models of this account lists `t2i` (image generation).' : `None of the models that generate images (${drawing.map((model) => model.id).join(', ')}) is allowed for this API key.`,
          { code: 'model_not_image_capable', param: 'model' },
        );
      }
      return usable.id;
    }
    if (listener === 'router' && !models.some((model) => model.id === (this.settings.get().modelAliases[asked] ?? asked))) return asked;
    await this.runner.assertModel(asked, listener);
    const target = this.settings.get().modelAliases[asked] ?? asked;
    if (!drawing.some((model) => model.id === target)) {
      const names = drawing.map((model) => model.id).join(', ');
      throw new BadRequestError(`The model \`${asked}\` does not generate images (Qwen lists no \`t2i\` for it).${names ? ` Models that do: ${names}.` : ''}`, {
        code: 'model_not_image_capable',
        param: 'model',
      });
    }
    return asked;
  }

  /**
   * `POST {baseUrl}/images/generations` on the providers that serve the model, in the routing
   * strategy's order, falling back to the next on a retryable failure as chat does. Recorded
   * like any request (surface `images`, one attempt per provider tried).
   */
  private async passThrough(body: ImageGenerationRequestDto, candidates: RouteCandidate[], request: Request, response: Response): Promise<UpstreamImagesAnswer> {
    const recording = this.recorder.begin({
      requestId: request.requestId,
      listener: 'router',
      surface: 'images',
      model: body.model!,
      stream: false,
      messageCount: 1,
      clientUserAgent: request.header('user-agent'),
      body,
      apiKeyId: request.apiKey?.id,
    });
    request.recordingStarted = true;
    const hungUp = new AbortController();
    response.once('close', () => hungUp.abort());
    const ordered = orderCandidates(this.settings.get().routingStrategy, candidates, { inflight: () => 0, turn: this.turn++, random: Math.random });
    let lastError: GatewayError | undefined;
    for (const candidate of ordered) {
      if (!(candidate.provider instanceof OpenAiCompatibleProvider)) continue;
      const started = performance.now();
      try {
        const answer = await candidate.provider.generateImages({ ...body }, candidate.upstreamModel, hungUp.signal);
        recording.addAttempt({ provider: candidate.providerId, model: candidate.upstreamModel, durationMs: Math.round(performance.now() - started) });
        announceAnswerer(response, { type: 'response-start', provider: candidate.providerId, model: candidate.upstreamModel }, (id) => this.router.providerName(id));
        await recording.endDurably({ statusCode: 200, cancelled: false });
        return answer;
      } catch (error) {
        lastError = toGatewayError(error);
        recording.addAttempt({
          provider: candidate.providerId,
          model: candidate.upstreamModel,
          durationMs: Math.round(performance.now() - started),
          error: { status: lastError.status, code: lastError.code, message: lastError.message },
        });
        if (hungUp.signal.aborted || !lastError.retryable) break;
      }
    }
    const failure = lastError ?? new BadRequestError(`No enabled provider generates images with the model \`${body.model}\`.`, { code: 'model_not_image_capable', param: 'model' });
    await recording.endDurably({ statusCode: failure.status, cancelled: hungUp.signal.aborted, error: failure });
    throw failure;
  }

  /** Each image fetched (public addresses only, the attachment size cap) and base64-encoded. */
  private async encoded(urls: string[]): Promise<Array<{ b64_json: string }>> {
    const images: Array<{ b64_json: string }> = [];
    for (const url of urls) {
      try {
        const file = await this.attachments.fetcher.fetch(url, drawnImage);
        images.push({ b64_json: file.bytes.toString('base64') });
      } catch (error) {
        throw new BadGatewayError(`Could not fetch the image Qwen drew (${new URL(url).host}): ${error instanceof Error ? error.message : String(error)}`, {
          code: 'image_fetch_failed',
          retryable: true,
          cause: error,
        });
      }
    }
    return images;
  }
}

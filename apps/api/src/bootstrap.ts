import 'reflect-metadata';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestListener } from 'node:http';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { AppLogger } from './common/app-logger';
import { jsonBodyParser } from './common/body-parsing';
import { jsonShapeLimit } from './common/json-shape-limit';
import { GatewayExceptionFilter } from './common/gateway-exception.filter';
import { requestIdMiddleware } from './common/request-id';
import { createValidationPipe } from './common/validation';
import { consoleCors } from './security/console-cors';
import { hostCheck, securityHeaders } from './security/host-check';
import { setUpApiDocs } from './docs/api-docs';
import { ListenerManager } from './listeners/listener-manager';
import { listenerScope } from './listeners/listener-scope';
import { rejectionRecording } from './recording/rejection-recording.middleware';
import { RequestRecorder } from './recording/request-recorder';
import { ADMIN_TOKEN } from './security/security.constants';
import { startTraceExport } from './tracing/trace-export';

export interface RunningApplication {
  app: INestApplication;
  listeners: ListenerManager;
  adminToken: string;
  readonly proxyUrl: string;
  readonly routerUrl: string;
  controlUrl: string;
  /** Stops listening, gives open requests `graceMs` (default 5 s) to finish, closes the database. */
  close(graceMs?: number): Promise<void>;
}


/**
 * Builds the whole product in this process: one Nest application (one DI container) served by
 * several listeners. Used by `main.ts`, the end-to-end tests and the desktop app alike.
 */
export async function startApplication(config: AppConfig, options: { logger?: LoggerService | false } = {}): Promise<RunningApplication> {
  // Before anything can start a span; undefined (and the SDK never loaded) without an endpoint.
  const traceExport = await startTraceExport(config.tracing);
  const listeners = new ListenerManager(
    config.host,
    { proxy: config.proxyPort, router: config.routerPort, control: config.controlPort },
    { requestMs: config.limits.requestBodyTimeoutMs, headersMs: config.limits.requestHeadersTimeoutMs },
  );
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, listeners), {
    bodyParser: false,
    logger: options.logger ?? new AppLogger(config.logLevel),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestIdMiddleware);
  app.use(hostCheck(config.host, config.allowedHosts));
  app.use(securityHeaders);
  app.use(rejectionRecording(app.get(RequestRecorder)));
  app.use(
    consoleCors(() => {
      const { port } = listeners.state('control');
      return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
    }),
  );
  app.use(listenerScope);
  app.use(jsonBodyParser(config.bodyLimit));
  app.use(jsonShapeLimit({ maxKeys: config.limits.jsonMaxKeys, maxDepth: config.limits.jsonMaxDepth }));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new GatewayExceptionFilter());
  setUpApiDocs(app, listeners);
  // No enableShutdownHooks(): main.ts (and the desktop app) stop through `close()`, which first
  // lets open requests finish. Nest's own signal hook closed the modules at once as well, so
  // every shutdown hook ran twice and Ctrl+C ended in an error trace and exit code 1.
  await app.init();

  listeners.attach(app.getHttpAdapter().getInstance() as RequestListener);
  try {
    await listeners.start('control');
    if (config.proxyAutostart) {
      await listeners.start('proxy');
      await listeners.start('router');
    }
  } catch (error) {
    await listeners.stopAll(0);
    await app.close();
    await traceExport?.shutdown();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    app,
    listeners,
    adminToken: app.get<string>(ADMIN_TOKEN),
    // Getters: a stop/start on port 0 binds new ports.
    get proxyUrl() {
      return listeners.url('proxy');
    },
    get routerUrl() {
      return listeners.url('router');
    },
    controlUrl: listeners.url('control'),
    close: (graceMs?: number) =>
      (closing ??= (async () => {
        await listeners.stopAll(graceMs);
        // Every request has ended, and its spans with it: they are flushed beside closing the
        // modules, not after, since main.ts's process may end once the event loop drains.
        await Promise.all([app.close(), traceExport?.shutdown()]);
      })()),
  };
}

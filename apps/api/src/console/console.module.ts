import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { resolveConsoleRoot } from './console-root';
import { consoleStatic } from './console-static';

/**
 * Serves the admin console (apps/admin, built to dist/admin/browser) at `/` on the control
 * plane. Registered in onModuleInit, which Nest runs after it has mounted every controller
 * route and before its own 404 handler: `/api`, `/docs`, `/health` and `/v1` are never shadowed.
 */
@Module({})
export class ConsoleModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.use(consoleStatic(resolveConsoleRoot()));
  }
}

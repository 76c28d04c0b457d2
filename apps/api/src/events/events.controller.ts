import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { StatusEvents } from './status-events';
import { eventStreamContent } from '../docs/response-schemas';

@ApiTags('status')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: StatusEvents) {}

  @Get()
  @ApiOkResponse({ description: 'A text/event-stream of status events (listeners, accounts, providers, requests).', content: eventStreamContent })
  stream(@Res() response: Response): void {
    response.status(200);
    response.setHeader('content-type', 'text/event-stream; charset=utf-8');
    response.setHeader('cache-control', 'no-cache, no-transform');
    response.setHeader('x-accel-buffering', 'no');
    response.flushHeaders();
    response.write(': connected\n\n');
    const subscription = this.events.stream.subscribe((event) => response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
    // Proxies drop silent connections; a comment every 15 s keeps this one open.
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    response.on('close', () => {
      clearInterval(keepAlive);
      subscription.unsubscribe();
    });
  }
}

import { Global, Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { StatusEvents } from './status-events';

@Global()
@Module({ controllers: [EventsController], providers: [StatusEvents], exports: [StatusEvents] })
export class EventsModule {}

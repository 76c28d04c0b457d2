import { Global, Module } from '@nestjs/common';
import { RecordWriter } from './record-writer';
import { RequestRecorder } from './request-recorder';
import { RetentionService } from './retention.service';

@Global()
@Module({ providers: [RecordWriter, RequestRecorder, RetentionService], exports: [RequestRecorder, RecordWriter, RetentionService] })
export class RecordingModule {}

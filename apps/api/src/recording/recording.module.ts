import { Global, Module } from '@nestjs/common';
import { RecordWriter } from './record-writer';
import { RequestRecorder } from './request-recorder';

@Global()
@Module({ providers: [RecordWriter, RequestRecorder], exports: [RequestRecorder, RecordWriter] })
export class RecordingModule {}

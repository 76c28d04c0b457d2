import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the extension's popup shows about its own pairing. */
export class ExtensionStatusDto {
  @ApiProperty({ description: 'Always true: an unpaired extension gets 401 instead.' }) paired: true;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Status of the account this extension last wrote (valid, expired, …).' })
  credentialStatus: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Last credential delivery, epoch milliseconds.' }) lastSyncAt: number | null;
}

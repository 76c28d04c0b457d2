import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A paired extension as the admin sees it; the token itself is never shown again. */
export class ExtensionTokenViewDto {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The Chrome extension id recorded at pairing.' }) extensionId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The browser that paired.' }) userAgent: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The Qwen account this extension last wrote.' }) credentialId: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Last credential delivery, epoch milliseconds.' }) lastSyncAt: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) lastUsedAt: number | null;
  @ApiProperty() createdAt: number;
}

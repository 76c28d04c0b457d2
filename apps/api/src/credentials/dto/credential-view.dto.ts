import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TokenExpiryDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'JWT `exp`, epoch milliseconds.' }) expiresAt: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Milliseconds left (negative once expired).' }) remainingMs: number | null;
  @ApiProperty({ enum: ['ok', 'expiring', 'expired', 'unknown'], description: '`expiring`: within 30 minutes.' }) state: 'ok' | 'expiring' | 'expired' | 'unknown';
  @ApiPropertyOptional({ type: String, nullable: true }) advice: string | null;
}

export class CapturedHeadersDto {
  @ApiProperty({ type: [String], description: 'Captured anti-bot headers still sent.' }) fresh: string[];
  @ApiProperty({ type: [String], description: 'Captured headers held but too old to send (QWEN_BX_UA_MAX_AGE_MS, QWEN_BX_UMIDTOKEN_MAX_AGE_MS).' }) stale: string[];
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'When they were pasted, epoch milliseconds.' }) capturedAt: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
}

/** A Qwen account as the API shows it: state and masked hints, never a secret. */
export class CredentialViewDto {
  @ApiProperty() id: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Qwen's user id from the token." }) accountId: string | null;
  @ApiProperty({ enum: ['valid', 'expired', 'invalid', 'needs-verification', 'cooldown'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) statusReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Where to pass the captcha, when Qwen asked for one.' }) verificationUrl: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Token expiry, epoch milliseconds.' }) expiresAt: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Usable again after this time, epoch milliseconds.' }) cooldownUntil: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) lastUsedAt: number | null;
  @ApiProperty({ description: 'First and last characters of the token.' }) tokenHint: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) maxConcurrency: number | null;
  @ApiProperty({ type: [String], description: 'Names (not values) of the cookies held.' }) cookieNames: string[];
  @ApiProperty({
    type: [String],
    description: "Anti-bot cookies of chat.qwen.ai this jar lacks (acw_tc, ssxmod_itna, …). Without them Qwen answers some or all chats with Bad_Request: paste the whole cookie string.",
  })
  missingCookies: string[];
  @ApiProperty() source: string;
  @ApiProperty() createdAt: number;
  @ApiProperty() updatedAt: number;
  @ApiProperty({ type: TokenExpiryDto }) tokenExpiry: TokenExpiryDto;
  @ApiProperty({ type: CapturedHeadersDto }) capturedHeaders: CapturedHeadersDto;
}

import { ApiProperty } from '@nestjs/swagger';

export class PairingCodeDto {
  @ApiProperty({ description: 'One-time code to hand to the extension through the page bridge.' }) code: string;
  @ApiProperty({ description: 'The code is refused after this time, epoch milliseconds (5 minutes).' }) expiresAt: number;
}

import { ApiProperty } from '@nestjs/swagger';

export class PairResponseDto {
  @ApiProperty({ description: 'The scoped extension token: accepted only by the extension endpoints. Shown once.' }) token: string;
}

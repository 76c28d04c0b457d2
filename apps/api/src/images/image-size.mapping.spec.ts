import { BadRequestError } from '@qwen-proxy/contracts';
import { aspectRatioOf } from './image-size.mapping';

describe('aspectRatioOf', () => {
  it.each([
    [undefined, '1:1'],
    ['auto', '1:1'],
    ['256x256', '1:1'],
    ['512x512', '1:1'],
    ['1024x1024', '1:1'],
    ['1792x1024', '16:9'],
    ['1024x1792', '9:16'],
    ['1536x1024', '4:3'],
    ['1024x1536', '3:4'],
  ])('maps OpenAI size %s to Qwen aspect ratio %s', (size, ratio) => {
    expect(aspectRatioOf(size)).toBe(ratio);
  });

  it.each(['1:1', '16:9', '9:16', '4:3', '3:4'])('takes the Qwen ratio %s as it is', (ratio) => {
    expect(aspectRatioOf(ratio)).toBe(ratio);
  });

  it.each(['640x480', '1024X1024', '2:1', '', 'large'])('refuses %j with a 400 on size that names the accepted sizes', (size) => {
    let refusal: unknown;
    try {
      aspectRatioOf(size);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(BadRequestError);
    expect(refusal).toMatchObject({ status: 400, param: 'size' });
    expect((refusal as Error).message).toContain('1792x1024');
    expect((refusal as Error).message).toContain('9:16');
  });
});

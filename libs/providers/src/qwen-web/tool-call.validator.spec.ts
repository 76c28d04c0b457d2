import { BadRequestError } from '@qwen-proxy/contracts';
import { ToolCallValidator } from './tool-call.validator';

const weather = {
  name: 'get_weather',
  parameters: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { city: { type: 'string', minLength: 1 }, unit: { enum: ['c', 'f'] }, when: { type: 'string', format: 'date' } },
    required: ['city'],
    additionalProperties: false,
    'x-vendor': true,
  },
};
const now = { name: 'now' };

describe(ToolCallValidator.name, () => {
  const sut = new ToolCallValidator([weather, now]);

  it('accepts a declared tool with arguments its schema allows, as compact JSON', () => {
    expect(sut.check('{"name": "get_weather", "arguments": {"city": "Paris", "unit": "c"}}')).toEqual({
      valid: true,
      call: { name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
    });
  });

  it('accepts arguments written as a JSON string, and none for a tool without parameters', () => {
    expect(sut.check('{"name": "get_weather", "arguments": "{\\"city\\": \\"Rome\\"}"}')).toMatchObject({ valid: true, call: { arguments: '{"city":"Rome"}' } });
    expect(sut.check('{"name": "now"}')).toEqual({ valid: true, call: { name: 'now', arguments: '{}' } });
  });

  it('reports every schema error at once, in words a model can act on', () => {
    const verdict = sut.check('{"name": "get_weather", "arguments": {"unit": "k", "when": "tomorrow", "extra": 1}}');
    expect(verdict.valid).toBe(false);
    if (verdict.valid) return;
    expect(verdict.problem.name).toBe('get_weather');
    expect(verdict.problem.reason).toContain("must have required property 'city'");
    expect(verdict.problem.reason).toContain('"unit" must be equal to one of the allowed values');
    expect(verdict.problem.reason).toContain('"when" must match format "date"');
    expect(verdict.problem.reason).toContain('("extra")');
  });

  it('refuses undeclared tools, broken JSON and missing names', () => {
    expect(sut.check('{"name": "rm_rf", "arguments": {}}')).toMatchObject({ valid: false, problem: { name: 'rm_rf', reason: expect.stringContaining('get_weather, now') } });
    expect(sut.check('{"name": "now", "arguments": {}')).toMatchObject({ valid: false, problem: { reason: expect.stringContaining('valid JSON') } });
    expect(sut.check('["now"]')).toMatchObject({ valid: false });
    expect(sut.check('{"name": "now", "arguments": [1]}')).toMatchObject({ valid: false, problem: { reason: expect.stringContaining('JSON object') } });
  });

  it('refuses a request whose schema cannot be compiled', () => {
    expect(() => new ToolCallValidator([{ name: 'bad', parameters: { type: 'object', properties: { a: { $ref: '#/nowhere' } } } }])).toThrow(BadRequestError);
  });
});

import Ajv from 'ajv';
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

describe(`${ToolCallValidator.name} limits`, () => {
  const limits = { maxBytes: 4 * 1024, maxNodes: 20, cacheSize: 8 };

  it('runs a catastrophic pattern in linear time (RE2): ^(a+)+$ against a long argument answers at once', () => {
    const sut = new ToolCallValidator([{ name: 'echo', parameters: { type: 'object', properties: { text: { type: 'string', pattern: '^(a+)+$' } } } }], limits);
    // With JavaScript's backtracking engine, 31 characters took 11 s and this would never end.
    const verdict = sut.check(JSON.stringify({ name: 'echo', arguments: { text: `${'a'.repeat(5_000)}!` } }));
    expect(verdict).toMatchObject({ valid: false, problem: { name: 'echo', reason: expect.stringContaining('must match pattern') } });
    expect(sut.check('{"name": "echo", "arguments": {"text": "aaaa"}}')).toMatchObject({ valid: true });
  });

  it('refuses, naming the tool, a pattern the linear-time engine cannot run', () => {
    const build = () => new ToolCallValidator([{ name: 'look_ahead', parameters: { type: 'object', properties: { text: { type: 'string', pattern: '^(?=a)a+$' } } } }], limits);
    expect(build).toThrow(expect.objectContaining({ status: 400, code: 'invalid_tool_schema', param: 'tools[0].function.parameters', message: expect.stringContaining('`look_ahead`') }));
  });

  it('refuses a schema over the byte cap or the subschema cap before compiling it', () => {
    const wide = (count: number) => ({ type: 'object', properties: Object.fromEntries(Array.from({ length: count }, (_, index) => [`p${index}`, { type: 'string' }])) });
    expect(() => new ToolCallValidator([{ name: 'big', parameters: { type: 'object', description: 'x'.repeat(5_000) } }], limits)).toThrow(
      expect.objectContaining({ code: 'invalid_tool_schema', message: expect.stringContaining('TOOL_SCHEMA_MAX_BYTES') }),
    );
    expect(() => new ToolCallValidator([{ name: 'wide', parameters: wide(25) }], limits)).toThrow(expect.objectContaining({ message: expect.stringContaining('TOOL_SCHEMA_MAX_NODES') }));
    expect(() => new ToolCallValidator([{ name: 'fits', parameters: wide(15) }], limits)).not.toThrow();
  });

  it('compiles a schema once: the same tools on the next request reuse the compiled validator', () => {
    const tool = { name: 'cached', parameters: { type: 'object', properties: { id: { type: 'integer', description: `unique ${Math.random()}` } } } };
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    new ToolCallValidator([tool], limits);
    new ToolCallValidator([{ ...tool, parameters: JSON.parse(JSON.stringify(tool.parameters)) as Record<string, unknown> }], limits);
    expect(compile).toHaveBeenCalledTimes(1);
    compile.mockRestore();
  });
});

/** A tool to try tool calling with. */
export const exampleTools = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

/** The tools textarea as an array of OpenAI tools, or an error saying what is wrong. Pure. */
export function parseTools(json: string): unknown[] {
  const trimmed = json.trim();
  if (!trimmed) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error('The tools are not valid JSON.');
  }
  if (!Array.isArray(parsed)) throw new Error('Tools must be a JSON array of {type:"function", function:{name, parameters}}.');
  for (const tool of parsed) {
    const name = (tool as { function?: { name?: unknown } })?.function?.name;
    if (typeof name !== 'string' || !name) throw new Error('Every tool needs function.name.');
  }
  return parsed;
}

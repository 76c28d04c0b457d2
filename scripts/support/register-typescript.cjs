// Lets `node --require ./scripts/support/register-typescript.cjs <file.ts>` run the Nest
// application's sources. tsx cannot: esbuild emits no decorator metadata, and Nest's injector and
// Swagger read `design:paramtypes`/`design:type`. Transpile-only, as the jest projects do
// (tsconfig.json sets isolatedModules); the `@qwen-proxy/*` aliases map to the libs' sources.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');

const root = join(__dirname, '../..');
const { config } = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: true, declaration: false };
const aliases = Object.fromEntries(Object.entries(config.compilerOptions.paths).map(([name, [target]]) => [name, join(root, target)]));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases[request] ?? request, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};

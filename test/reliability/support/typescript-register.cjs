// Runs the app's TypeScript in a child process without a build, the way the tests' ts-jest does:
// per-file transpilation (decorator metadata included, which tsx/esbuild does not emit, and Nest's
// dependency injection needs) and the `@qwen-proxy/*` paths of tsconfig.base.json.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '../../..');
const configFile = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(configFile.config.compilerOptions, root);
const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: true, isolatedModules: true };

require.extensions['.ts'] = (module, filename) => {
  const output = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename }).outputText;
  module._compile(output, filename);
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const library = /^@qwen-proxy\/(contracts|qwen|providers|persistence)$/.exec(request);
  return resolveFilename.call(this, library ? path.join(root, 'libs', library[1], 'src', 'index.ts') : request, ...rest);
};

// Resolves the @sealpost/* path aliases of tsconfig.json against the compiled dist/ tree.
// Usage: node -r ./infra/register-aliases.js dist/apps/<service>/src/main.js
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

tsconfigPaths.register({ baseUrl: path.join(__dirname, '..', 'dist'), paths: compilerOptions.paths });

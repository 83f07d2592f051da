// Shared Jest settings. Our TypeScript is compiled by swc (with decorator metadata, as Nest needs);
// NestJS 12 ships ES modules only, so its files are turned into CommonJS by Babel for Jest's module
// system (see docs/adr/0002-build-and-test-toolchain.md).
const path = require('node:path');
const fs = require('node:fs');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = __dirname;

// Packages that ship ES modules only; Babel turns them into CommonJS for Jest.
const ESM_ONLY = ['@nestjs', 'jose', 'openid-client', 'oauth4webapi', 'oidc-provider'];
const esmOnly = `(${ESM_ONLY.join('|')})`;

const transform = {
  '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
  [`^.+/node_modules/${esmOnly}/.+\\.m?js$`]: path.join(__dirname, 'tools/jest/nest-esm-transformer.cjs'),
};

const moduleNameMapper = {
  '^@qinglian/(auth|contracts|messaging|persistence|runtime|telemetry|testing)$': path.join(__dirname, 'libs/$1/src/index.ts'),
};

/**
 * @param {string} projectDir absolute path of the project (apps/x or libs/x)
 * @param {'unit'|'integration'} kind unit specs sit next to the code (*.spec.ts); integration specs
 *   (*.int-spec.ts) talk to real PostgreSQL and NATS.
 */
function jestConfig(projectDir, kind) {
  const name = path.relative(__dirname, projectDir);
  return {
    displayName: `${name}:${kind}`,
    rootDir: projectDir,
    testEnvironment: 'node',
    transform,
    transformIgnorePatterns: [`/node_modules/(?!${esmOnly}/)`],
    moduleNameMapper,
    moduleFileExtensions: ['ts', 'js', 'json'],
    testMatch: kind === 'unit' ? ['<rootDir>/src/**/*.spec.ts'] : ['<rootDir>/{src,test}/**/*.int-spec.ts'],
    setupFiles: [path.join(__dirname, 'tools/jest/setup.cjs')],
    testTimeout: kind === 'unit' ? 10_000 : 60_000,
    maxWorkers: kind === 'unit' ? '50%' : 1,
    cacheDirectory: path.join(__dirname, 'node_modules/.cache/jest'),
    coverageDirectory: path.join(__dirname, 'coverage', name, kind),
    errorOnDeprecated: true,
  };
}

module.exports = { jestConfig };

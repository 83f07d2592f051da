// Turns NestJS 12's ES modules into CommonJS for Jest (docs/adr/0002-build-and-test-toolchain.md).
// Babel does the conversion; one pattern needs help first: a module-level
// `const require = createRequire(import.meta.url)` would shadow the `require` Babel's CommonJS output
// uses for the imports above it. In CommonJS `require` already exists, so the line is dropped.
const babelJest = require('babel-jest').default;

const babel = babelJest.createTransformer({
  babelrc: false,
  configFile: false,
  plugins: ['babel-plugin-transform-import-meta', '@babel/plugin-transform-dynamic-import', '@babel/plugin-transform-modules-commonjs'],
});

const SHADOW = /^const require = createRequire\(import\.meta\.url\);$/gm;

module.exports = {
  canInstrument: false,
  getCacheKey(src, filename, options) {
    return babel.getCacheKey(src.replace(SHADOW, ''), filename, options);
  },
  process(src, filename, options) {
    return babel.process(src.replace(SHADOW, ''), filename, options);
  },
};

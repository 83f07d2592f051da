// Local workaround until jest.preset.cjs is fixed (reported to the lead): with its default
// `module: 'CommonJS'` target, babel-plugin-transform-import-meta rewrites `import.meta.url` into
// `require('url')…`. In @nestjs/swagger's swagger-ui.js that expression is the initialiser of a
// module-level `const require = createRequire(import.meta.url)`, so the emitted `require` refers
// to that very const (renamed `_require` by Babel) and loading it throws "Cannot access '_require'
// before initialization". Every persistence test reaches that file through @qinglian/contracts.
// The plugin's `ES6` target emits a hoisted `import url from 'url'` instead, which is safe.

/** @param {import('jest').Config} config */
function withImportMetaFix(config) {
  const transform = { ...config.transform };
  for (const [pattern, entry] of Object.entries(transform)) {
    if (!Array.isArray(entry) || entry[0] !== 'babel-jest') continue;
    const options = { ...entry[1] };
    options.plugins = (options.plugins ?? []).map((plugin) =>
      plugin === 'babel-plugin-transform-import-meta' ? ['babel-plugin-transform-import-meta', { module: 'ES6' }] : plugin,
    );
    transform[pattern] = ['babel-jest', options];
  }
  return { ...config, transform };
}

module.exports = { withImportMetaFix };

module.exports = require('./jest.workaround.cjs').withImportMetaFix(
  require('../../jest.preset.cjs').jestConfig(__dirname, 'integration'),
);

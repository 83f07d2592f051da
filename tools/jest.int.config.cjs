// Checks of the workspace itself (module boundaries, …).
module.exports = { ...require('../jest.preset.cjs').jestConfig(__dirname, 'integration'), testMatch: ['<rootDir>/checks/**/*.int-spec.ts'], testTimeout: 180_000 };

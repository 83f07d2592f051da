// Smoke test of `npm start`: the launcher as a real process against the CI's PostgreSQL and NATS.
module.exports = { ...require('../../jest.preset.cjs').jestConfig(__dirname, 'integration'), testMatch: ['<rootDir>/test/**/*.int-spec.ts'], testTimeout: 120_000 };

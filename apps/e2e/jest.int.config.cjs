// End-to-end: the built apps run as real processes (node dist/<app>/…) against real PostgreSQL and NATS.
module.exports = { ...require('../../jest.preset.cjs').jestConfig(__dirname, 'integration'), testMatch: ['<rootDir>/test/**/*.int-spec.ts'], testTimeout: 90_000 };

/** Where the tests find the shared servers; 127.0.0.1 by default, overridable from the environment. */
export const testEnv = {
  /** A superuser (or CREATEDB + CREATEROLE) URL; tests create and drop their own databases with it. */
  pgAdminUrl: process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  natsUrl: process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222',
  natsServerBin: process.env['NATS_SERVER_BIN'] ?? 'nats-server',
};

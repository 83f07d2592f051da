// Builds one app with swc into dist/<app>: the app's sources and the libs it uses, with path
// aliases rewritten to relative requires, so `node dist/<app>/apps/<app>/src/main.js` runs as is.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const app = process.argv[2];
if (!app) throw new Error('usage: build-app.mjs <app>');
const out = `dist/${app}`;
rmSync(out, { recursive: true, force: true });
execFileSync(
  'npx',
  ['swc', `apps/${app}/src`, 'libs', '-d', out, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts,**/*.int-spec.ts,**/test/**', '--quiet'],
  { stdio: 'inherit' },
);

// Build step after `tools/scripts/build-app.mjs dev-realm` (which compiles TypeScript only): the demo
// data goes next to the compiled code, where the realm looks first (src/realm.ts, defaultRealmFile).
import { cpSync } from 'node:fs';

cpSync('apps/dev-realm/src/demo', 'dist/dev-realm/apps/dev-realm/src/demo', { recursive: true });

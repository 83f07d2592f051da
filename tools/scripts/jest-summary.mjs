// Adds up the Jest result files of every project into one closing line, so a reader (and CI) sees
// the whole run's count: "N passed, N failed".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'tmp/jest-results';
let passed = 0;
let failed = 0;
let suitesFailed = 0;
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
for (const f of files) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  suitesFailed += r.numFailedTestSuites + (r.numRuntimeErrorTestSuites ?? 0);
  if (r.numFailedTests > 0 || r.numFailedTestSuites > 0) console.log(`  failing: ${f.replace(/\.json$/, '')}`);
}
console.log(`jest result files: ${files.length}`);
console.log(`${passed} passed, ${failed + (failed === 0 ? suitesFailed : 0)} failed`);
process.exit(failed > 0 || suitesFailed > 0 || files.length === 0 ? 1 : 0);

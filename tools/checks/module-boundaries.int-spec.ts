import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The Nx tag rules in eslint.config.mjs, proven by a real lint run: files that break them are
// written into the tree for the run and removed afterwards.
const root = join(__dirname, '..', '..');

interface Problem {
  file: string;
  rule: string | null;
  message: string;
}

function lint(files: Record<string, string>): Problem[] {
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  try {
    // The boundary rule reads Nx's project graph; make sure it exists and knows the probe files.
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
    try {
      const out = execFileSync('npx', ['eslint', '--no-cache', '--format', 'json', ...Object.keys(files)], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return problems(out);
    } catch (e) {
      const out = (e as { stdout?: string }).stdout;
      if (!out) throw e;
      return problems(out);
    }
  } finally {
    for (const path of Object.keys(files)) rmSync(join(root, path), { force: true });
  }
}

function problems(json: string): Problem[] {
  const results = JSON.parse(json) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
  return results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(root.length + 1), rule: m.ruleId, message: m.message })));
}

const boundary = (file: string, message: RegExp): unknown => expect.objectContaining({ file, rule: '@nx/enforce-module-boundaries', message: expect.stringMatching(message) as unknown });

describe('module boundaries', () => {
  it('forbid an app importing another app, a service importing the gateway, and contracts importing a lib', () => {
    const out = lint({
      'apps/approvals/src/zz-boundary-probe.ts': "import { powerListService } from '../../power-list/src/service';\nexport const probe = powerListService;\n",
      'apps/risk-registry/src/zz-boundary-probe.ts': "import { startGateway } from '../../gateway/src/bootstrap';\nexport const probe = startGateway;\n",
      'libs/contracts/src/zz-boundary-probe.ts': "import { testEnv } from '@qinglian/testing';\nexport const probe = testEnv;\n",
    });
    expect(out).toEqual(
      expect.arrayContaining([
        boundary('apps/approvals/src/zz-boundary-probe.ts', /cannot be imported by a relative or absolute path/),
        boundary('apps/risk-registry/src/zz-boundary-probe.ts', /cannot be imported by a relative or absolute path/),
        boundary('libs/contracts/src/zz-boundary-probe.ts', /tagged with "type:contracts" can only depend on libs tagged with "type:contracts"/),
      ]),
    );
  });

  it('allow a service to use the libs', () => {
    const out = lint({
      'apps/approvals/src/zz-boundary-probe.ts': "import { TenantTransactions } from '@qinglian/persistence';\nimport { Role } from '@qinglian/auth';\nexport const probe = [TenantTransactions, Role.Auditor];\n",
    });
    expect(out).toEqual([]);
  });
});

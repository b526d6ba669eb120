import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { projectRoot } from '@sealpost/infra';

const ROOT = projectRoot();
const RULES = join(ROOT, '.dependency-cruiser.js');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

/**
 * dependency-cruiser 17 is ESM-only, which Jest's CommonJS runtime cannot load, so the rules
 * run through its CLI in a child process — the same command as `npm run lint:arch`.
 */
function cruise(cwd: string): Violation[] {
  const cli = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const json = execFileSync(process.execPath, [cli, 'apps', 'libs', '--config', RULES, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(json) as { summary: { violations: Violation[] } }).summary.violations;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

describe('architecture', () => {
  it('apps import no other app, libs import no app, and apps/libs have no import cycle', () => {
    expect(cruise(ROOT).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  describe('the rules themselves', () => {
    let fixture: string;

    // written at test time so the bad imports never sit in the source tree the build and the real cruise see
    beforeAll(() => {
      fixture = mkdtempSync(join(tmpdir(), 'sealpost-arch-'));
      const files: Record<string, string> = {
        'tsconfig.json': '{ "compilerOptions": {} }',
        'apps/alpha/src/a.ts': "import { b } from '../../beta/src/b';\nexport const a = b;\n",
        'apps/alpha/src/same-app.ts': "import { a } from './a';\nexport const same = a;\n",
        'apps/beta/src/b.ts': 'export const b = 1;\n',
        'libs/gamma/src/p.ts': "import { a } from '../../../apps/alpha/src/a';\nimport { q } from './q';\nexport const p = a + q();\n",
        'libs/gamma/src/q.ts': "import { p } from './p';\nexport const q = (): number => p;\n",
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(fixture, path)), { recursive: true });
        writeFileSync(join(fixture, path), text);
      }
    });
    afterAll(() => rmSync(fixture, { recursive: true, force: true }));

    it('catch an app importing another app, a lib importing an app, and a cycle — and nothing else', () => {
      const found = cruise(fixture).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
      expect(found.sort()).toEqual([
        'libs-not-to-apps: libs/gamma/src/p.ts -> apps/alpha/src/a.ts',
        'no-app-to-app: apps/alpha/src/a.ts -> apps/beta/src/b.ts',
        'no-circular: libs/gamma/src/p.ts -> libs/gamma/src/q.ts',
      ]);
    });
  });

  describe('database isolation', () => {
    const apps = readdirSync(join(ROOT, 'apps'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);

    it.each(apps)('%s boots with its own service name, which picks its own database', (app) => {
      const rootModule = readFileSync(join(ROOT, 'apps', app, 'src', `${app}.module.ts`), 'utf8');
      const named = [...rootModule.matchAll(/ServiceCoreModule\.forService\(\s*\{\s*service:\s*'([^']+)'/g)].map((m) => m[1]);
      expect(named).toEqual([app]);
    });

    it('only the persistence library opens a connection or names a database', () => {
      const allowed = 'libs/persistence/src/';
      // libs/testing is the e2e harness: reading every database (the canary scan) is its job,
      // and it never ships (tsconfig.build.json leaves it out)
      const harness = 'libs/testing/';
      const forbidden = /MongooseModule\.forRoot|createConnection\(|\.useDb\(|dbName/;
      const offenders = [...sourceFiles(join(ROOT, 'apps')), ...sourceFiles(join(ROOT, 'libs'))]
        .filter((file) => !file.startsWith(allowed) && !file.startsWith(harness))
        .filter((file) => forbidden.test(readFileSync(join(ROOT, file), 'utf8')));
      expect(offenders).toEqual([]);
    });
  });
});

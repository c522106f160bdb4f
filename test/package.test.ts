/**
 * The built package, as a user gets it: CommonJS and ES modules, the entry points in `exports`, internals
 * closed. `npm test` builds before it runs Jest.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const node = (args: string[]): string =>
  execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' });

describe('package', () => {
  it('should load as CommonJS by name', () => {
    const out = node([
      '-e',
      `const s = require('strom-rx'); const k = require('strom-rx/kafka'); const t = require('strom-rx/testing'); const om = require('strom-rx/om');
       s.runCollect(s.fromArray([1, 2, 3]).pipe(s.grouped(2)))().then((r) => console.log(JSON.stringify(r), typeof t.recordTickets, typeof om.retry, typeof k));`,
    ]);
    expect(out.trim()).toBe('{"_tag":"Right","right":[[1,2],[3]]} function function object');
  });

  it('should load as an ES module by name', () => {
    const out = node([
      '--input-type=module',
      '-e',
      `import { fromArray, mapParallel, runCollect } from 'strom-rx';
       const r = await runCollect(fromArray([1, 2]).pipe(mapParallel(2, async (n) => n * 3)))();
       console.log(JSON.stringify(r));`,
    ]);
    expect(out.trim()).toBe('{"_tag":"Right","right":[3,6]}');
  });

  it('should close the internals', () => {
    expect(() =>
      execFileSync(process.execPath, ['-e', "require('strom-rx/internal/stream/Stream.js')"], {
        cwd: root,
        stdio: 'pipe',
      }),
    ).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED|not defined by "exports"/);
    expect(() =>
      execFileSync(process.execPath, ['-e', "require('strom-rx/dist/cjs/index.js')"], {
        cwd: root,
        stdio: 'pipe',
      }),
    ).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED|not defined by "exports"/);
  });

  it('should ship type declarations for every entry point', () => {
    for (const entry of ['index', 'om/index', 'kafka/index', 'testing/index']) {
      expect(existsSync(join(root, 'dist', 'types', `${entry}.d.ts`))).toBe(true);
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '../src/index';
import { families, render } from '../scripts/operator-docs';

describe('docs', () => {
  it.each(families.map((f) => [f.file, f] as const))(
    'should keep docs/operators/%s in step with the code',
    (file, family) => {
      const onDisk = readFileSync(join(__dirname, '..', 'docs', 'operators', file), 'utf8');
      expect(onDisk).toBe(render(family));
    },
  );

  it('should document every exported operator, source and runner', () => {
    const documented = new Set(families.flatMap((f) => f.names));
    const functions = Object.entries(api)
      .filter(([name, value]) => typeof value === 'function' && /^[a-z]/.test(name))
      .map(([name]) => name)
      .filter((name) => !['isStream', 'toStream', 'tracked', 'isDefect'].includes(name));
    expect(functions.filter((name) => !documented.has(name))).toEqual([]);
  });
});

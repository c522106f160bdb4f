/**
 * Builds docs/operators/*.md from the doc comments of the operators, sources and runners, so that the marble
 * diagrams in the docs are the ones in the code (which the tests check).
 *
 * Usage: npm run docs          (writes the pages)
 *        tsx scripts/operator-docs.ts --check   (exits 1 when a page is out of date)
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const families: ReadonlyArray<{ file: string; title: string; intro: string; names: string[] }> = [
  {
    file: 'sources.md',
    title: 'Sources',
    intro:
      'Where streams come from. Pulling sources emit only while they hold credit (default 256 elements in flight, `{ credit, stats }` in their options); `fromObservable` cannot make a push source wait.',
    names: [
      'fromArray',
      'fromIterable',
      'fromAsyncIterable',
      'fromObservable',
      'fromOm',
      'range',
      'unfold',
      'unfoldOm',
      'repeatOm',
      'succeed',
      'empty',
      'fail',
      'acquireRelease',
      'mergeAll',
    ],
  },
  {
    file: 'transforming.md',
    title: 'Transforming',
    intro:
      'One element in, one out (or an inner stream for `concatMap`). Effects may be an `Om`, a `TaskEither`, a Promise, an Observable or a plain value.',
    names: [
      'map',
      'mapM',
      'mapParallel',
      'mapParallelUnordered',
      'tap',
      'tapM',
      'scan',
      'mapAccum',
      'concatMap',
    ],
  },
  {
    file: 'selecting.md',
    title: 'Selecting',
    intro:
      'Operators that drop elements. A dropped element is finished on purpose: its ticket is resolved at once.',
    names: [
      'filter',
      'filterM',
      'collect',
      'collectM',
      'take',
      'takeWhile',
      'takeUntil',
      'drop',
      'dropWhile',
      'changes',
    ],
  },
  {
    file: 'grouping.md',
    title: 'Grouping and buffering',
    intro:
      'A group holds its elements’ tickets and resolves them when the group is finished. Stages that must hold several elements at once raise the source’s credit to what they need, so a group can always fill.',
    names: ['grouped', 'groupedWithin', 'groupBy', 'partition', 'buffer'],
  },
  {
    file: 'combining.md',
    title: 'Combining',
    intro: 'Several streams into one. A pair from `zip` carries both tickets.',
    names: ['zip', 'zipWith', 'merge', 'interleave', 'intersperse'],
  },
  {
    file: 'time.md',
    title: 'Time',
    intro:
      'All run on an RxJS scheduler (`asyncScheduler` by default, the last argument), so marble tests run them on virtual time.',
    names: ['delay', 'debounce', 'throttle', 'rateLimit', 'timeout'],
  },
  {
    file: 'errors-and-resources.md',
    title: 'Errors, resources and context',
    intro:
      'Typed failures (`Left`) and defects (throws) are kept apart: `catchAll` and `retry` handle typed failures only.',
    names: ['catchAll', 'retry', 'ensuring', 'provide', 'guard', 'when', 'unless'],
  },
  {
    file: 'runners.md',
    title: 'Runners',
    intro:
      'A runner returns an fp-ts `TaskEither` that never rejects: `Left(E)` for a typed failure, `Left(Defect)` for a throw. It resolves each ticket when its element is consumed, and resolves only after every release has finished.',
    names: ['runCollect', 'runDrain', 'runFold', 'traverse_'],
  },
];

const root = join(__dirname, '..');
const sourceOf = (name: string): string => {
  for (const dir of ['operators', 'sources', 'runners']) {
    try {
      return readFileSync(join(root, 'src', dir, `${name}.ts`), 'utf8');
    } catch {
      // try the next folder
    }
  }
  throw new Error(`no source file for ${name}`);
};

/** The doc comment right before `export function name`. */
const docOf = (name: string): { summary: string; marble: string; signature: string } => {
  const src = sourceOf(name);
  const at = src.search(new RegExp(`export function ${name.replace('$', '\\$')}\\b`));
  if (at < 0) throw new Error(`${name}: no exported function`);
  const before = src.slice(0, at);
  const start = before.lastIndexOf('/**');
  const end = before.lastIndexOf('*/');
  if (start < 0 || end < start) throw new Error(`${name}: no doc comment`);
  const lines = before
    .slice(start + 3, end)
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''));
  const text = lines.join('\n');
  const fence = text.match(/```\n([\s\S]*?)```/);
  if (fence === null) throw new Error(`${name}: no marble diagram`);
  const summary = text
    .slice(0, text.indexOf('```'))
    .trim()
    .replace(/\{@link (\w+)\}/g, '`$1`');
  const brace = src.indexOf('{\n', at);
  const semi = src.indexOf(';\n', at);
  const sigEnd = semi >= 0 && semi < brace ? semi : brace;
  const signature = src
    .slice(at, sigEnd)
    .replace(/^export function /, '')
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/,? \)/g, ')')
    .trim();
  return { summary, marble: fence[1]!.trimEnd(), signature };
};

export const render = (family: (typeof families)[number]): string => {
  const parts = [
    `# ${family.title}`,
    '',
    '<!-- Generated by `npm run docs` from the doc comments in src/; edit those, not this page. -->',
    '',
    family.intro,
    '',
  ];
  for (const name of family.names) {
    const d = docOf(name);
    parts.push(
      `## \`${name}\``,
      '',
      '```ts',
      d.signature,
      '```',
      '',
      d.summary,
      '',
      '```',
      d.marble,
      '```',
      '',
    );
  }
  return parts.join('\n');
};

if (require.main === module) {
  const check = process.argv.includes('--check');
  const dir = join(root, 'docs', 'operators');
  mkdirSync(dir, { recursive: true });
  let stale = 0;
  for (const family of families) {
    const path = join(dir, family.file);
    const text = render(family);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (current !== text) {
        console.error(`${path} is out of date: run npm run docs`);
        stale++;
      }
    } else writeFileSync(path, text);
  }
  if (stale > 0) process.exit(1);
}

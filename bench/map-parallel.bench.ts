/**
 * fromArray(N) → async map with 8 in flight → groups of 100 → drain, for strom-rx, RxJS and Effect, side by
 * side in one run. Each timed run is a fresh process running plain JavaScript on the built package
 * (bench/map-parallel.worker.cjs); runs are interleaved (strom-rx, rxjs, effect, …, strom-rx, …) so that machine
 * noise falls on all alike. Prints the median of each and the ratios.
 *
 * Effect is run twice: as specified (`Stream.mapEffect(f, { concurrency: 8 })`), and without the concurrency
 * option (one at a time), which is Effect's fastest form of this pipeline here.
 *
 * Usage: npm run bench -- [--runs 5] [--sizes 200000,400000]   (npm run bench builds first)
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const runs = Number(opt('runs', '5'));
const sizes = opt('sizes', '200000,400000').split(',').map(Number);
const impls = ['strom-rx', 'rxjs', 'effect', 'effect-sequential'] as const;
const worker = join(__dirname, 'map-parallel.worker.cjs');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const times: Record<string, Record<number, number[]>> = {};
const rss: Record<string, Record<number, number[]>> = {};
for (const n of sizes) {
  for (let r = 0; r < runs; r++) {
    for (const impl of impls) {
      const out = execFileSync(process.execPath, [worker, impl, String(n)], { encoding: 'utf8' });
      const { ms, rssMb } = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; rssMb: number };
      ((times[impl] ??= {})[n] ??= []).push(ms);
      ((rss[impl] ??= {})[n] ??= []).push(rssMb);
      process.stderr.write(`${impl} n=${n} run ${r + 1}/${runs}: ${ms.toFixed(0)} ms\n`);
    }
  }
}

const lines: string[] = [];
lines.push(`node ${process.version}, ${runs} runs each: median wall time in ms (median RSS at the end, MiB)`);
lines.push('');
lines.push(
  '| N | strom-rx | RxJS mergeMap(f, 8) | Effect mapEffect, concurrency 8 | Effect mapEffect, one at a time | RxJS / strom-rx | Effect (8) / strom-rx | Effect (1) / strom-rx |',
);
lines.push('|---|---|---|---|---|---|---|---|');
for (const n of sizes) {
  const m = (impl: string): number => median(times[impl]![n]!);
  const mem = (impl: string): number => median(rss[impl]![n]!);
  const cell = (impl: string): string => `${m(impl).toFixed(0)} (${mem(impl).toFixed(0)})`;
  const ratio = (impl: string): string => `${(m(impl) / m('strom-rx')).toFixed(1)}×`;
  lines.push(
    `| ${n.toLocaleString('en-US')} | ${cell('strom-rx')} | ${cell('rxjs')} | ${cell('effect')} | ${cell('effect-sequential')} | ${ratio('rxjs')} | ${ratio('effect')} | ${ratio('effect-sequential')} |`,
  );
}
if (sizes.length >= 2) {
  const [a, b] = [sizes[0]!, sizes[sizes.length - 1]!];
  const growth = (impl: string): string => (median(times[impl]![b]!) / median(times[impl]![a]!)).toFixed(2);
  lines.push('');
  lines.push(
    `Growth from N=${a} to N=${b} (×${(b / a).toFixed(1)} items): strom-rx ×${growth('strom-rx')}, RxJS ×${growth('rxjs')}, Effect (8) ×${growth('effect')}, Effect (1) ×${growth('effect-sequential')}`,
  );
}
console.log(lines.join('\n'));

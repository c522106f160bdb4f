// One timed run of one pipeline, in a process of its own (so that one library's garbage does not slow the next).
// Plain JavaScript on the built package (dist/cjs), as users run it: no TypeScript loader in the measurement.
// Prints a JSON line: { impl, n, ms, rssMb }.
//
// Usage: node bench/map-parallel.worker.cjs <strom-rx|rxjs|effect|effect-sequential> <n>
'use strict';
const { Effect, Stream: EStream } = require('effect');
const { pipe } = require('fp-ts/function');
const { bufferCount, from, lastValueFrom, mergeMap } = require('rxjs');
const { fromArray, grouped, mapParallel, runDrain } = require('../dist/cjs/index.js');

const [impl, nArg] = process.argv.slice(2);
const n = Number(nArg);
const items = Array.from({ length: n }, (_, i) => i);
/** the async map: a resolved Promise, so the cost measured is the library's, not the work's */
const f = (x) => Promise.resolve(x * 2);

const effectPipeline = (options) => async () => {
  let groups = 0;
  await Effect.runPromise(
    EStream.fromIterable(items).pipe(
      EStream.mapEffect((x) => Effect.promise(() => f(x)), options),
      EStream.grouped(100),
      EStream.mapEffect(() =>
        Effect.sync(() => {
          groups++;
        }),
      ),
      EStream.runDrain,
    ),
  );
  return groups;
};

const pipelines = {
  'strom-rx': async () => {
    let groups = 0;
    const result = await pipe(
      fromArray(items),
      mapParallel(8, f),
      grouped(100),
      mapParallel(1, () => {
        groups++;
      }),
      runDrain,
    )();
    if (result._tag === 'Left') throw result.left;
    return groups;
  },
  rxjs: async () => {
    let groups = 0;
    await lastValueFrom(
      from(items).pipe(
        mergeMap((x) => f(x), 8),
        bufferCount(100),
        mergeMap(async () => {
          groups++;
        }, 1),
      ),
    );
    return groups;
  },
  effect: effectPipeline({ concurrency: 8 }),
  'effect-sequential': effectPipeline(undefined),
};

const run = pipelines[impl];
if (run === undefined || !(n > 0)) {
  console.error('usage: map-parallel.worker.cjs <strom-rx|rxjs|effect|effect-sequential> <n>');
  process.exit(2);
}
const start = process.hrtime.bigint();
run().then((groups) => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (groups !== Math.ceil(n / 100)) {
    console.error(`${impl}: expected ${Math.ceil(n / 100)} groups, got ${groups}`);
    process.exit(1);
  }
  console.log(JSON.stringify({ impl, n, ms, rssMb: process.memoryUsage().rss / 2 ** 20 }));
});

/**
 * The main job: a pipeline on in-memory data that shows backpressure at work.
 *
 * 20,000 "records" flow from `fromArray` through an I/O-like step with 8 in flight (about 1 ms each), into
 * batches of 100 that are "saved" one at a time. The source holds 256 credits: it may have at most 256 records
 * pulled and not yet finished (saved in a batch), whatever the speed of the stages below. Every quarter second
 * the demo prints what the source's counters say; at the end it checks the bound held.
 *
 * Run: npm run demo            (options: --items N --credit C --parallel P --batch B)
 */
import { pipe } from 'fp-ts/function';
import * as RTE from 'fp-ts/ReaderTaskEither';
import { CreditStats, fromArray, grouped, mapParallel, Om, provide, runDrain, tapM } from '../src/index';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const items = arg('items', 20_000);
const credit = arg('credit', 256);
const parallel = arg('parallel', 8);
const batch = arg('batch', 100);

interface Env {
  readonly saved: number[];
}

/** an I/O-like step: about 1 ms */
const enrich = (n: number): Promise<{ id: number; square: number }> =>
  new Promise((resolve) => setTimeout(() => resolve({ id: n, square: n * n }), 1));

/** "saves" a batch: an Om that reads its context, as a step with a database would */
const save = (rows: ReadonlyArray<{ id: number }>): Om.Om<Env, never, void> =>
  pipe(
    RTE.ask<Env>(),
    RTE.map((env) => {
      env.saved.push(rows.length);
    }),
  );

const main = async (): Promise<void> => {
  const stats = new CreditStats();
  const env: Env = { saved: [] };
  const started = Date.now();
  let lastFinished = 0;
  let lastAt = started;
  console.log(
    `strom-rx demo: ${items} records, credit ${credit}, ${parallel} in flight in the I/O step, batches of ${batch}`,
  );
  console.log('  time    pulled  finished  in flight (max)  records/s');
  const report = (): void => {
    const now = Date.now();
    const rate = ((stats.finished - lastFinished) * 1000) / Math.max(1, now - lastAt);
    lastFinished = stats.finished;
    lastAt = now;
    console.log(
      `${((now - started) / 1000).toFixed(2).padStart(6)}s ${String(stats.pulled).padStart(9)} ${String(stats.finished).padStart(9)} ${`${stats.inFlight} (${stats.maxInFlight})`.padStart(16)} ${rate.toFixed(0).padStart(10)}`,
    );
  };
  const timer = setInterval(report, 250);

  const result = await pipe(
    fromArray(
      Array.from({ length: items }, (_, i) => i),
      { credit, stats },
    ),
    mapParallel(parallel, enrich),
    grouped(batch),
    tapM(save),
    provide(env),
    runDrain,
  )();

  clearInterval(timer);
  report();
  const seconds = (Date.now() - started) / 1000;
  const savedRows = env.saved.reduce((a, b) => a + b, 0);
  const limit = stats.limit;
  console.log('');
  console.log(
    `result: ${result._tag}; ${savedRows} records saved in ${env.saved.length} batches in ${seconds.toFixed(2)} s`,
  );
  console.log(
    `in flight at most ${stats.maxInFlight} (credit ${credit}, raised to ${limit} for what the stages below hold at once)`,
  );
  const ok =
    result._tag === 'Right' && savedRows === items && stats.maxInFlight <= limit && stats.inFlight === 0;
  console.log(ok ? 'OK: every record finished, and the bound held.' : 'FAILED');
  if (!ok) process.exitCode = 1;
};

void main();

/**
 * PartitionLedger (only open offsets kept) against a naive model that keeps every tracked offset.
 *
 * The model's committable position: the end of the contiguous resolved run of tracked offsets; before anything is
 * resolved, where the generation started (`start`), but never past the first tracked offset (a commit must never
 * pass a record that is not finished).
 */
import fc from 'fast-check';
import { LedgerError, OffsetLedger } from '../../src/backpressure/OffsetLedger.js';

const tp = { topic: 't', partition: 0 };

type Op =
  | { readonly kind: 'track'; readonly gap: number }
  | { readonly kind: 'resolve'; readonly pick: number }
  | { readonly kind: 'resolveAny'; readonly offset: number }
  | { readonly kind: 'start'; readonly offset: number }
  | { readonly kind: 'mark'; readonly offset: number };

const op = (startMax: number): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('track' as const), gap: fc.integer({ min: 1, max: 3 }) }),
    },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat(20) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolveAny' as const), offset: fc.nat(40) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('start' as const), offset: fc.nat(startMax) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('mark' as const), offset: fc.nat(40) }) },
  );

class Model {
  readonly tracked: Array<{ offset: number; done: boolean }> = [];
  startAt: number | undefined;
  committed: number | undefined;
  get last(): number | undefined {
    return this.tracked[this.tracked.length - 1]?.offset;
  }
  position(): number | undefined {
    if (this.tracked.length === 0) return this.startAt;
    const i = this.tracked.findIndex((e) => !e.done);
    if (i === -1) return this.last! + 1;
    if (i > 0) return this.tracked[i - 1]!.offset + 1;
    // nothing resolved: the start, but never past the first open offset
    return this.startAt === undefined ? undefined : Math.min(this.startAt, this.tracked[0]!.offset);
  }
  pending(): number | undefined {
    const p = this.position();
    if (p === undefined || (this.committed !== undefined && p <= this.committed)) return undefined;
    return p;
  }
  open(): number {
    const i = this.tracked.findIndex((e) => !e.done);
    return i === -1 ? 0 : this.tracked.length - i;
  }
}

const run = (base: number, ops: readonly Op[]): void => {
  const ledger = new OffsetLedger();
  const gen = ledger.assign(tp);
  const m = new Model();
  for (const o of ops) {
    switch (o.kind) {
      case 'track': {
        const offset = (m.last ?? base) + o.gap;
        ledger.track(tp, BigInt(offset), gen);
        m.tracked.push({ offset, done: false });
        break;
      }
      case 'resolve': {
        const open = m.tracked.filter((e) => !e.done);
        if (open.length === 0) break;
        const e = open[o.pick % open.length]!;
        ledger.resolve(tp, BigInt(e.offset), gen);
        e.done = true;
        break;
      }
      case 'resolveAny': {
        // resolving an offset that is not open (resolved already, never tracked) must throw and change nothing
        const e = m.tracked.find((x) => x.offset === o.offset);
        if (e !== undefined && !e.done) {
          ledger.resolve(tp, BigInt(o.offset), gen);
          e.done = true;
        } else {
          expect(() => ledger.resolve(tp, BigInt(o.offset), gen)).toThrow(LedgerError);
        }
        break;
      }
      case 'start':
        ledger.start(tp, BigInt(o.offset), gen);
        if (m.tracked.length === 0 && m.startAt === undefined) m.startAt = o.offset;
        break;
      case 'mark': {
        ledger.markCommitted({ ...tp, offset: String(o.offset), generation: gen });
        if (m.committed === undefined || o.offset > m.committed) m.committed = o.offset;
        break;
      }
    }
    const due = ledger.committable();
    const got = due.length === 0 ? undefined : Number(due[0]!.offset);
    expect({ after: o, pending: got, open: ledger.open(tp) }).toEqual({
      after: o,
      pending: m.pending(),
      open: m.open(),
    });
    // the invariant itself: never a commit past an open offset
    const firstOpen = m.tracked.find((e) => !e.done);
    if (got !== undefined && firstOpen !== undefined) expect(got).toBeLessThanOrEqual(firstOpen.offset);
  }
};

describe('PartitionLedger against a naive model', () => {
  it('matches the model when start() names an offset at or before the first one tracked', () => {
    // base 30 and start offsets up to 30: the first tracked offset (> 30) is always past the start
    fc.assert(
      fc.property(fc.array(op(30), { maxLength: 60 }), (ops) => run(30, ops)),
      { numRuns: 2000 },
    );
  });

  it('never makes an offset committable past an open one, whatever start() named', () => {
    // start offsets up to 40 while tracking starts at 1..3: start() may name an offset after the first tracked one
    fc.assert(
      fc.property(fc.array(op(40), { maxLength: 60 }), (ops) => run(0, ops)),
      { numRuns: 2000 },
    );
  });

  it('(the shrunk case) start(10) then track(5): 5 is open, yet 10 is committable', () => {
    const ledger = new OffsetLedger();
    const gen = ledger.assign(tp);
    ledger.start(tp, 10n, gen);
    ledger.track(tp, 5n, gen); // accepted: nothing checks it against the start
    // nothing past 5 may be committable (5 itself, the next record to read, may be)
    expect(
      ledger
        .committable()
        .map((c) => c.offset)
        .filter((o) => Number(o) > 5),
    ).toEqual([]); // gets ['10']
  });
});

import fc from 'fast-check';
import { LedgerError, OffsetLedger } from '../../src/backpressure/OffsetLedger';

const tp = { topic: 'orders', partition: 0 };

/** A ledger with `tp` assigned; returns the ledger and the generation. */
const assigned = (): { ledger: OffsetLedger; gen: number } => {
  const ledger = new OffsetLedger();
  return { ledger, gen: ledger.assign(tp) };
};

const offsetOf = (ledger: OffsetLedger, topic = tp.topic, partition = tp.partition): string | undefined =>
  ledger.committable().find((c) => c.topic === topic && c.partition === partition)?.offset;

describe('OffsetLedger', () => {
  describe('committable', () => {
    it('should offer nothing before anything is resolved', () => {
      const { ledger, gen } = assigned();
      expect(ledger.committable()).toEqual([]);
      ledger.track(tp, 0n, gen);
      expect(ledger.committable()).toEqual([]);
    });

    it('should offer the next offset to read after a contiguous run', () => {
      const { ledger, gen } = assigned();
      for (const o of [10, 11, 12]) ledger.track(tp, BigInt(o), gen);
      expect(ledger.resolve(tp, 10n, gen)).toBe(true);
      expect(ledger.committable()).toEqual([
        { topic: 'orders', partition: 0, offset: '11', generation: gen },
      ]);
      ledger.resolve(tp, 11n, gen);
      ledger.resolve(tp, 12n, gen);
      expect(offsetOf(ledger)).toBe('13');
      expect(ledger.open(tp)).toBe(0);
    });

    it('should never skip an offset still in flight (7 resolved before 3)', () => {
      const { ledger, gen } = assigned();
      for (let o = 0; o <= 7; o++) ledger.track(tp, BigInt(o), gen);
      for (const o of [0, 1, 2]) ledger.resolve(tp, BigInt(o), gen);
      expect(offsetOf(ledger)).toBe('3');
      ledger.resolve(tp, 7n, gen);
      expect(offsetOf(ledger)).toBe('3');
      for (const o of [4, 5, 6]) ledger.resolve(tp, BigInt(o), gen);
      expect(offsetOf(ledger)).toBe('3');
      expect(ledger.open(tp)).toBe(5);
      ledger.resolve(tp, 3n, gen);
      expect(offsetOf(ledger)).toBe('8');
      expect(ledger.open(tp)).toBe(0);
    });

    it('should accept offsets with gaps (compaction) and count contiguity over those emitted', () => {
      const { ledger, gen } = assigned();
      for (const o of [5, 9, 30, 31, 100]) ledger.track(tp, o.toString(), gen);
      ledger.resolve(tp, '9', gen);
      expect(offsetOf(ledger)).toBeUndefined();
      ledger.resolve(tp, '5', gen);
      expect(offsetOf(ledger)).toBe('10');
      ledger.resolve(tp, '31', gen);
      expect(offsetOf(ledger)).toBe('10');
      ledger.resolve(tp, '30', gen);
      expect(offsetOf(ledger)).toBe('32');
      ledger.resolve(tp, '100', gen);
      expect(offsetOf(ledger)).toBe('101');
    });

    it('should handle offsets beyond Number.MAX_SAFE_INTEGER', () => {
      const { ledger, gen } = assigned();
      const big = '9007199254740993'; // 2^53 + 1
      ledger.track(tp, big, gen);
      ledger.resolve(tp, BigInt(big), gen);
      expect(offsetOf(ledger)).toBe('9007199254740994');
    });

    it('should keep partitions apart', () => {
      const ledger = new OffsetLedger();
      const a = { topic: 'a', partition: 0 };
      const a1 = { topic: 'a', partition: 1 };
      const b = { topic: 'b', partition: 0 };
      const ga = ledger.assign(a);
      const ga1 = ledger.assign(a1);
      const gb = ledger.assign(b);
      ledger.track(a, 1n, ga);
      ledger.track(a1, 1n, ga1);
      ledger.track(b, 1n, gb);
      ledger.resolve(a1, 1n, ga1);
      ledger.resolve(b, 1n, gb);
      const found = ledger.committable();
      expect(found).toHaveLength(2);
      expect(found).toEqual(
        expect.arrayContaining([
          { topic: 'a', partition: 1, offset: '2', generation: ga1 },
          { topic: 'b', partition: 0, offset: '2', generation: gb },
        ]),
      );
      expect(ledger.open(a)).toBe(1);
    });
  });

  describe('start', () => {
    it('should offer the start of a generation before anything is resolved, then move on from it', () => {
      const { ledger, gen } = assigned();
      expect(ledger.start(tp, '40', gen)).toBe(true);
      expect(offsetOf(ledger)).toBe('40');
      ledger.track(tp, 40n, gen);
      ledger.track(tp, 41n, gen);
      expect(offsetOf(ledger)).toBe('40');
      ledger.resolve(tp, 41n, gen);
      expect(offsetOf(ledger)).toBe('40');
      ledger.resolve(tp, 40n, gen);
      expect(offsetOf(ledger)).toBe('42');
    });

    it('should ignore a start once something is tracked, or for a stale generation', () => {
      const { ledger, gen } = assigned();
      ledger.track(tp, 7n, gen);
      ledger.start(tp, '3', gen);
      expect(offsetOf(ledger)).toBeUndefined();
      const next = ledger.assign(tp);
      expect(ledger.start(tp, '9', gen)).toBe(false);
      expect(ledger.committable()).toEqual([]);
      expect(ledger.start(tp, '9', next)).toBe(true);
      expect(offsetOf(ledger)).toBe('9');
    });
  });

  describe('markCommitted', () => {
    it('should offer an offset again only once it moved past the last commit', () => {
      const { ledger, gen } = assigned();
      for (const o of [1n, 2n, 3n]) ledger.track(tp, o, gen);
      ledger.resolve(tp, 1n, gen);
      const [c] = ledger.committable();
      expect(ledger.markCommitted(c!)).toBe(true);
      expect(ledger.committable()).toEqual([]);
      ledger.resolve(tp, 3n, gen);
      expect(ledger.committable()).toEqual([]);
      ledger.resolve(tp, 2n, gen);
      expect(offsetOf(ledger)).toBe('4');
    });

    it('should never move the committed position back', () => {
      const { ledger, gen } = assigned();
      for (const o of [1n, 2n]) ledger.track(tp, o, gen);
      ledger.resolve(tp, 1n, gen);
      ledger.resolve(tp, 2n, gen);
      ledger.markCommitted({ ...tp, offset: '3', generation: gen });
      ledger.markCommitted({ ...tp, offset: '2', generation: gen }); // a late, older acknowledgement
      expect(ledger.committable()).toEqual([]);
    });

    it('should ignore (and return false for) a commit of an old generation', () => {
      const { ledger, gen: g1 } = assigned();
      ledger.track(tp, 1n, g1);
      ledger.resolve(tp, 1n, g1);
      const old = ledger.committable()[0]!;
      const g2 = ledger.assign(tp);
      ledger.track(tp, 1n, g2);
      ledger.resolve(tp, 1n, g2);
      expect(ledger.markCommitted(old)).toBe(false);
      expect(ledger.committable()).toEqual([{ ...tp, offset: '2', generation: g2 }]);
      expect(ledger.markCommitted({ topic: 'nope', partition: 0, offset: '1', generation: 1 })).toBe(false);
    });
  });

  describe('generations', () => {
    it('should bump the generation on each assignment and forget what the old one tracked', () => {
      const ledger = new OffsetLedger();
      expect(ledger.generation(tp)).toBeUndefined();
      const g1 = ledger.assign(tp);
      ledger.track(tp, 5n, g1);
      const g2 = ledger.assign(tp);
      expect(g2).toBeGreaterThan(g1);
      expect(ledger.generation(tp)).toBe(g2);
      expect(ledger.open(tp)).toBe(0);
      // a new assignment may start below what the old one tracked
      expect(ledger.track(tp, 3n, g2)).toBe(true);
    });

    it('should ignore (and return false for) a resolution naming an old generation', () => {
      const { ledger, gen: g1 } = assigned();
      ledger.track(tp, 1n, g1);
      const g2 = ledger.assign(tp);
      ledger.track(tp, 1n, g2);
      expect(ledger.resolve(tp, 1n, g1)).toBe(false);
      expect(ledger.committable()).toEqual([]);
      expect(ledger.open(tp)).toBe(1);
      expect(ledger.resolve(tp, 1n, g2)).toBe(true);
      expect(offsetOf(ledger)).toBe('2');
    });

    it('should not track under an old generation or an unassigned partition', () => {
      const ledger = new OffsetLedger();
      expect(ledger.track(tp, 1n, 1)).toBe(false);
      const g1 = ledger.assign(tp);
      ledger.assign(tp);
      expect(ledger.track(tp, 1n, g1)).toBe(false);
      expect(ledger.open(tp)).toBe(0);
      expect(ledger.resolve({ topic: 'other', partition: 0 }, 1n, 1)).toBe(false);
    });

    it('should return what was still to commit on revoke, and ignore later resolutions', () => {
      const { ledger, gen } = assigned();
      for (const o of [1n, 2n, 3n]) ledger.track(tp, o, gen);
      ledger.resolve(tp, 1n, gen);
      ledger.resolve(tp, 3n, gen);
      expect(ledger.revoke(tp)).toEqual({ ...tp, offset: '2', generation: gen });
      expect(ledger.generation(tp)).toBeUndefined();
      expect(ledger.resolve(tp, 2n, gen)).toBe(false);
      expect(ledger.committable()).toEqual([]);
      expect(ledger.revoke(tp)).toBeUndefined();
    });

    it('should return nothing on revoke when everything was committed already', () => {
      const { ledger, gen } = assigned();
      ledger.track(tp, 1n, gen);
      ledger.resolve(tp, 1n, gen);
      ledger.markCommitted(ledger.committable()[0]!);
      expect(ledger.revoke(tp)).toBeUndefined();
    });

    it('should keep counting generations across a revoke', () => {
      const ledger = new OffsetLedger();
      const g1 = ledger.assign(tp);
      ledger.revoke(tp);
      const g2 = ledger.assign(tp);
      expect(g2).toBe(g1 + 1);
    });
  });

  describe('errors', () => {
    it('should throw a LedgerError with the coordinates for an offset tracked out of order', () => {
      const { ledger, gen } = assigned();
      ledger.track(tp, 5n, gen);
      const attempt = (): unknown => ledger.track(tp, 4n, gen);
      expect(attempt).toThrow(LedgerError);
      expect(attempt).toThrow('(topic orders, partition 0, offset 4)');
      expect(() => ledger.track(tp, 5n, gen)).toThrow('offset tracked out of order: 5 after 5');
    });

    it('should throw a LedgerError with the coordinates for an offset never tracked', () => {
      const { ledger, gen } = assigned();
      ledger.track(tp, 1n, gen);
      let caught: unknown;
      try {
        ledger.resolve(tp, 2n, gen);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(LedgerError);
      const err = caught as LedgerError;
      expect(err.message).toBe(
        'offset is not open: resolved already, or never tracked (topic orders, partition 0, offset 2)',
      );
      expect(err).toMatchObject({ _tag: 'LedgerError', name: 'LedgerError', topic: 'orders', partition: 0 });
      expect(err.offset).toBe('2');
    });

    it('should throw for an offset resolved twice, and leave the ledger as it was', () => {
      const { ledger, gen } = assigned();
      ledger.track(tp, 1n, gen);
      ledger.track(tp, 2n, gen);
      ledger.resolve(tp, 1n, gen);
      expect(() => ledger.resolve(tp, 1n, gen)).toThrow(LedgerError);
      expect(offsetOf(ledger)).toBe('2');
      expect(ledger.open(tp)).toBe(1);
    });
  });

  describe('properties', () => {
    /** What the committable offset must be: the end of the longest resolved prefix of the tracked offsets. */
    const expected = (tracked: readonly number[], resolved: ReadonlySet<number>): string | undefined => {
      let k = 0;
      while (k < tracked.length && resolved.has(tracked[k]!)) k++;
      return k === 0 ? undefined : (tracked[k - 1]! + 1).toString();
    };

    const offsetSets = (maxLength: number) =>
      fc
        .uniqueArray(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength })
        .map((xs) => [...xs].sort((a, b) => a - b));

    const check = (ledger: OffsetLedger, tracked: readonly number[], resolved: ReadonlySet<number>): void => {
      const got = offsetOf(ledger);
      expect(got).toBe(expected(tracked, resolved));
      // never past an offset that is not resolved
      const skipped = got === undefined ? [] : tracked.filter((o) => o < Number(got) && !resolved.has(o));
      expect(skipped).toEqual([]);
      const k = tracked.findIndex((o) => !resolved.has(o));
      expect(ledger.open(tp)).toBe(k === -1 ? 0 : tracked.length - k);
    };

    it('should commit the end of the contiguous resolved run, whatever the resolution order', () => {
      fc.assert(
        fc.property(
          offsetSets(60).chain((offsets) => fc.tuple(fc.constant(offsets), fc.shuffledSubarray(offsets))),
          ([offsets, order]) => {
            const { ledger, gen } = assigned();
            for (const o of offsets) ledger.track(tp, BigInt(o), gen);
            const resolved = new Set<number>();
            check(ledger, offsets, resolved);
            for (const o of order) {
              ledger.resolve(tp, BigInt(o), gen);
              resolved.add(o);
              check(ledger, offsets, resolved);
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('should hold when tracking and resolving interleave', () => {
      fc.assert(
        fc.property(
          offsetSets(40),
          fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 120 }),
          (offsets, steps) => {
            const { ledger, gen } = assigned();
            const tracked: number[] = [];
            const resolved = new Set<number>();
            for (const [trackNext, pick] of steps) {
              const open = tracked.filter((o) => !resolved.has(o));
              if ((trackNext || open.length === 0) && tracked.length < offsets.length) {
                const o = offsets[tracked.length]!;
                ledger.track(tp, BigInt(o), gen);
                tracked.push(o);
              } else if (open.length > 0) {
                const o = open[pick % open.length]!;
                ledger.resolve(tp, BigInt(o), gen);
                resolved.add(o);
              }
              check(ledger, tracked, resolved);
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('should hold over long runs that compact the ledger', () => {
      fc.assert(
        fc.property(
          fc
            .integer({ min: 1100, max: 3000 })
            .chain((n) =>
              fc.tuple(
                fc.constant(Array.from({ length: n }, (_, i) => i * 2)),
                fc.array(fc.nat(), { minLength: n, maxLength: n }),
              ),
            ),
          ([offsets, keys]) => {
            const { ledger, gen } = assigned();
            for (const o of offsets) ledger.track(tp, BigInt(o), gen);
            // a mostly-in-order resolution with local shuffles, as an unordered stage gives
            const order = offsets
              .map((o, i) => ({ o, k: i + (keys[i]! % 50) }))
              .sort((a, b) => a.k - b.k)
              .map((x) => x.o);
            const resolved = new Set<number>();
            // the expected position, kept up to date as we go; checked after every resolution
            let k = 0;
            const mismatches: string[] = [];
            for (const o of order) {
              ledger.resolve(tp, BigInt(o), gen);
              resolved.add(o);
              while (k < offsets.length && resolved.has(offsets[k]!)) k++;
              const want = k === 0 ? undefined : (offsets[k - 1]! + 1).toString();
              const got = offsetOf(ledger);
              if (got !== want) mismatches.push(`after ${o}: ${got} instead of ${want}`);
              if (ledger.open(tp) !== offsets.length - k)
                mismatches.push(`after ${o}: open ${ledger.open(tp)}`);
            }
            expect(mismatches.slice(0, 3)).toEqual([]);
            expect(offsetOf(ledger)).toBe((offsets[offsets.length - 1]! + 1).toString());
            expect(ledger.open(tp)).toBe(0);
          },
        ),
        { numRuns: 15 },
      );
    });
  });
});

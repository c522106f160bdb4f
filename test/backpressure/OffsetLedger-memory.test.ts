/**
 * OffsetLedger's memory follows what is open, not how far resolved offsets have run ahead of a slow one: a record
 * that stays in flight (a long call in mapParallelUnordered, a ticket lost outside strom-rx) must not make the
 * ledger keep every record resolved after it for as long as the partition is assigned.
 */
import { OffsetLedger } from '../../src/backpressure/OffsetLedger.js';

/** how many offsets the ledger keeps for its one partition (a look inside, for this test only) */
const kept = (ledger: OffsetLedger): number =>
  (ledger as unknown as { partitions: Map<string, { openOffsets: Map<bigint, unknown> }> }).partitions
    .values()
    .next().value!.openOffsets.size;

describe('OffsetLedger memory behind one open offset', () => {
  it('should keep only the open offsets when every offset but the first is resolved', () => {
    const ledger = new OffsetLedger();
    const tp = { topic: 't', partition: 0 };
    const gen = ledger.assign(tp);
    ledger.track(tp, 0n, gen); // stays open
    const n = 200_000;
    for (let o = 1; o <= n; o++) {
      ledger.track(tp, BigInt(o), gen);
      ledger.resolve(tp, BigInt(o), gen);
    }
    expect(ledger.committable()).toEqual([]); // offset 0 is not done
    expect(kept(ledger)).toBe(1);
    expect(ledger.open(tp)).toBe(n + 1);
    ledger.resolve(tp, 0n, gen);
    expect(ledger.committable().map((c) => c.offset)).toEqual([String(n + 1)]);
    expect(kept(ledger)).toBe(0);
  });
});

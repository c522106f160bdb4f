import { CreditPool, CreditStats } from '../../src/backpressure/CreditPool';
import { Ticket } from '../../src/backpressure/Ticket';

/** Issues while the pool allows, as a source does. */
const drain = (pool: CreditPool, bytes = 0): Ticket[] => {
  const out: Ticket[] = [];
  while (pool.canIssue(bytes) && out.length < 1000) out.push(pool.issue(bytes));
  return out;
};

describe('CreditPool', () => {
  describe('limits', () => {
    it('should reject a record limit that is not a whole number of at least 1', () => {
      expect(() => new CreditPool({ records: 0 })).toThrow(RangeError);
      expect(() => new CreditPool({ records: -1 })).toThrow(RangeError);
      expect(() => new CreditPool({ records: 1.5 })).toThrow('records must be a whole number');
      expect(() => new CreditPool({ records: NaN })).toThrow(RangeError);
      expect(() => new CreditPool({ records: 1 })).not.toThrow();
    });

    it('should reject a byte limit that is not positive', () => {
      expect(() => new CreditPool({ records: 1, bytes: 0 })).toThrow('bytes must be positive');
      expect(() => new CreditPool({ records: 1, bytes: -5 })).toThrow(RangeError);
      expect(() => new CreditPool({ records: 1, bytes: NaN })).toThrow(RangeError);
    });

    it('should issue up to the record limit and one more per release', () => {
      const pool = new CreditPool({ records: 3 });
      const tickets = drain(pool);
      expect(tickets).toHaveLength(3);
      expect(pool.inFlight).toBe(3);
      expect(pool.canIssue()).toBe(false);
      tickets[1]!.resolve();
      expect(pool.inFlight).toBe(2);
      expect(pool.canIssue()).toBe(true);
      expect(drain(pool)).toHaveLength(1);
      expect(pool.canIssue()).toBe(false);
    });

    it('should give credit back once per ticket, however often it is resolved', () => {
      const pool = new CreditPool({ records: 2 });
      const [a] = drain(pool);
      a!.resolve();
      a!.resolve();
      expect(pool.inFlight).toBe(1);
    });

    it('should limit bytes in flight', () => {
      const pool = new CreditPool({ records: 100, bytes: 10 });
      expect(drain(pool, 4)).toHaveLength(2); // 8 bytes; a third would make 12
      expect(pool.bytesInFlight).toBe(8);
      expect(pool.canIssue(2)).toBe(true); // exactly 10 is allowed
      expect(pool.canIssue(3)).toBe(false);
    });

    it('should return bytes when a ticket is resolved', () => {
      const pool = new CreditPool({ records: 100, bytes: 10 });
      const a = pool.issue(6);
      pool.issue(4);
      expect(pool.canIssue(1)).toBe(false);
      a.resolve();
      expect(pool.bytesInFlight).toBe(4);
      expect(pool.canIssue(6)).toBe(true);
      expect(pool.canIssue(7)).toBe(false);
    });

    it('should always let one element through when nothing is in flight, even above the byte budget', () => {
      const pool = new CreditPool({ records: 5, bytes: 10 });
      expect(pool.canIssue(50)).toBe(true);
      const big = pool.issue(50);
      expect(pool.bytesInFlight).toBe(50);
      expect(pool.canIssue(0)).toBe(false);
      expect(pool.canIssue(1)).toBe(false);
      big.resolve();
      expect(pool.canIssue(50)).toBe(true);
    });

    it('should still respect the record limit for elements of no size', () => {
      const pool = new CreditPool({ records: 2, bytes: 10 });
      expect(drain(pool, 0)).toHaveLength(2);
    });

    it('should let a caller issue past the limit and show it in the counters', () => {
      const stats = new CreditStats();
      const pool = new CreditPool({ records: 1 }, { stats });
      pool.issue();
      pool.issue();
      pool.issue();
      expect(pool.inFlight).toBe(3);
      expect(pool.canIssue()).toBe(false);
      expect(stats.maxInFlight).toBe(3);
    });
  });

  describe('minRecords', () => {
    it('should let minRecords elements through whatever their bytes, then apply the byte limit', () => {
      const pool = new CreditPool({ records: 10, bytes: 100, minRecords: 4 });
      expect(drain(pool, 60)).toHaveLength(4);
      const small = new CreditPool({ records: 10, bytes: 100 });
      expect(drain(small, 60)).toHaveLength(1);
      const fits = new CreditPool({ records: 10, bytes: 100, minRecords: 2 });
      expect(drain(fits, 10)).toHaveLength(10);
    });
  });

  describe('setLimit', () => {
    it('should raise the limit and wake the listeners', () => {
      const pool = new CreditPool({ records: 1 });
      const woken = jest.fn();
      pool.onRelease(woken);
      drain(pool);
      expect(pool.canIssue()).toBe(false);
      pool.setLimit(3);
      expect(pool.limit).toBe(3);
      expect(woken).toHaveBeenCalledTimes(1);
      expect(drain(pool)).toHaveLength(2);
    });

    it('should floor the limit and keep it at least 1', () => {
      const stats = new CreditStats();
      const pool = new CreditPool({ records: 4 }, { stats });
      pool.setLimit(2.9);
      expect(pool.limit).toBe(2);
      expect(stats.limit).toBe(2);
      pool.setLimit(0);
      expect(pool.limit).toBe(1);
      pool.setLimit(-10);
      expect(pool.limit).toBe(1);
    });
  });

  describe('stats', () => {
    it('should keep the counters up to date', () => {
      const stats = new CreditStats();
      const pool = new CreditPool({ records: 3, bytes: 100 }, { stats });
      expect(pool.stats).toBe(stats);
      expect(stats.limit).toBe(3);
      const a = pool.issue(10);
      const b = pool.issue(20);
      expect(stats).toMatchObject({ pulled: 2, finished: 0, inFlight: 2, maxInFlight: 2 });
      expect(stats).toMatchObject({ bytesInFlight: 30, maxBytesInFlight: 30 });
      a.resolve();
      expect(stats).toMatchObject({ pulled: 2, finished: 1, inFlight: 1, maxInFlight: 2 });
      expect(stats).toMatchObject({ bytesInFlight: 20, maxBytesInFlight: 30 });
      pool.issue(5);
      b.resolve();
      expect(stats).toMatchObject({ pulled: 3, finished: 2, inFlight: 1, maxInFlight: 2 });
      expect(stats).toMatchObject({ bytesInFlight: 5, maxBytesInFlight: 30 });
    });

    it('should make its own counters when none are given', () => {
      const pool = new CreditPool({ records: 7 });
      expect(pool.stats).toBeInstanceOf(CreditStats);
      expect(pool.stats.limit).toBe(7);
      pool.issue();
      expect(pool.stats.pulled).toBe(1);
    });
  });

  describe('onRelease', () => {
    it('should call each listener on every release, until stopped', () => {
      const pool = new CreditPool({ records: 5 });
      const first = jest.fn();
      const second = jest.fn();
      const stopFirst = pool.onRelease(first);
      pool.onRelease(second);
      const [a, b, c] = drain(pool);
      a!.resolve();
      expect(first).toHaveBeenCalledTimes(1);
      expect(second).toHaveBeenCalledTimes(1);
      stopFirst();
      stopFirst(); // harmless
      b!.resolve();
      expect(first).toHaveBeenCalledTimes(1);
      expect(second).toHaveBeenCalledTimes(2);
      c!.resolve();
      c!.resolve();
      expect(second).toHaveBeenCalledTimes(3);
    });

    it('should have returned the credit by the time a listener runs', () => {
      const pool = new CreditPool({ records: 1 });
      const seen: boolean[] = [];
      pool.onRelease(() => seen.push(pool.canIssue()));
      pool.issue().resolve();
      expect(seen).toEqual([true]);
    });
  });

  describe('parent pools', () => {
    it('should draw from the parent too', () => {
      const parent = new CreditPool({ records: 3 });
      const p1 = new CreditPool({ records: 2 }, { parent });
      const p2 = new CreditPool({ records: 2 }, { parent });
      expect(drain(p1)).toHaveLength(2);
      expect(parent.inFlight).toBe(2);
      // p2 has room for 2 of its own but the parent only 1 more
      const fromP2 = drain(p2);
      expect(fromP2).toHaveLength(1);
      expect(parent.inFlight).toBe(3);
      expect(p2.canIssue()).toBe(false);
      fromP2[0]!.resolve();
      expect(p2.inFlight).toBe(0);
      expect(parent.inFlight).toBe(2);
      expect(p2.canIssue()).toBe(true);
    });

    it('should return the parent credit when the child ticket is resolved, and wake parent listeners', () => {
      const parentStats = new CreditStats();
      const parent = new CreditPool({ records: 10, bytes: 100 }, { stats: parentStats });
      const child = new CreditPool({ records: 10 }, { parent });
      const parentWoken = jest.fn();
      const childWoken = jest.fn();
      parent.onRelease(parentWoken);
      child.onRelease(childWoken);
      const t = child.issue(40, { topic: 't', partition: 1, offset: '5' });
      expect(parent.bytesInFlight).toBe(40);
      expect(parentStats).toMatchObject({ pulled: 1, inFlight: 1, bytesInFlight: 40 });
      t.resolve();
      expect(parent.inFlight).toBe(0);
      expect(parent.bytesInFlight).toBe(0);
      expect(parentStats).toMatchObject({ finished: 1, inFlight: 0 });
      expect(parentWoken).toHaveBeenCalledTimes(1);
      expect(childWoken).toHaveBeenCalledTimes(1);
      t.resolve();
      expect(parentStats.finished).toBe(1);
    });

    it('should apply the parent byte budget', () => {
      const parent = new CreditPool({ records: 10, bytes: 10 });
      const a = new CreditPool({ records: 10 }, { parent });
      const b = new CreditPool({ records: 10 }, { parent });
      a.issue(8);
      expect(b.canIssue(3)).toBe(false);
      expect(b.canIssue(2)).toBe(true);
    });

    it('should keep the coordinates on the ticket', () => {
      const child = new CreditPool({ records: 1 }, { parent: new CreditPool({ records: 1 }) });
      const t = child.issue(3, { topic: 'orders', partition: 2, offset: '17', generation: 4 });
      expect(t.coordinates).toEqual({ topic: 'orders', partition: 2, offset: '17', generation: 4 });
      expect(t.bytes).toBe(3);
    });
  });

  describe('overdue', () => {
    it('should report nothing when made without overdueAfterMs', () => {
      let now = 0;
      const pool = new CreditPool({ records: 5 }, { now: () => now });
      pool.issue();
      now = 1_000_000;
      expect(pool.overdue()).toEqual([]);
    });

    it('should report tickets unresolved for longer than overdueAfterMs, oldest first', () => {
      let now = 1000;
      const pool = new CreditPool({ records: 10 }, { overdueAfterMs: 100, now: () => now });
      const a = pool.issue(0, { topic: 't', partition: 0, offset: '1' });
      now = 1050;
      const b = pool.issue(0, { topic: 't', partition: 0, offset: '2' });
      now = 1080;
      const c = pool.issue(0, { topic: 't', partition: 0, offset: '3' });
      expect(a.issuedAt).toBe(1000);
      expect(b.issuedAt).toBe(1050);
      now = 1100; // a has been open exactly 100 ms: not longer than the limit
      expect(pool.overdue()).toEqual([]);
      now = 1101;
      expect(pool.overdue()).toEqual([a]);
      now = 1181;
      expect(pool.overdue()).toEqual([a, b, c]);
      expect(pool.overdue()[0]!.coordinates).toEqual({ topic: 't', partition: 0, offset: '1' });
      a.resolve();
      expect(pool.overdue()).toEqual([b, c]);
      c.resolve();
      expect(pool.overdue()).toEqual([b]);
      expect(pool.overdue(1100)).toEqual([]);
      b.resolve();
      expect(pool.overdue()).toEqual([]);
    });

    it('should use the clock it was given for the time of issue', () => {
      const pool = new CreditPool({ records: 1 }, { overdueAfterMs: 5, now: () => 77 });
      expect(pool.issue().issuedAt).toBe(77);
    });
  });
});

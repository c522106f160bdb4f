import { CreditPool, Ticket } from '../../src/index';

describe('CreditPool with a parent', () => {
  it('should wake a partition held back by the total when the total gets credit back', () => {
    const total = new CreditPool({ records: 1 });
    const partition = new CreditPool({ records: 5 }, { parent: total });
    const held: Ticket[] = [];
    const pump = (): void => {
      while (partition.canIssue() && held.length < 3) held.push(partition.issue());
    };
    partition.onRelease(pump);
    pump();
    expect(held).toHaveLength(1);
    held[0]!.resolve();
    expect(held).toHaveLength(2);
    expect(total.inFlight).toBe(1);
    expect(partition.inFlight).toBe(1);
  });

  it('should wake a sibling partition when another one releases credit of the total', () => {
    const total = new CreditPool({ records: 2 });
    const a = new CreditPool({ records: 5 }, { parent: total });
    const b = new CreditPool({ records: 5 }, { parent: total });
    const fromA = [a.issue(), a.issue()];
    let bIssued = 0;
    b.onRelease(() => {
      while (b.canIssue()) {
        b.issue();
        bIssued++;
      }
    });
    expect(b.canIssue()).toBe(false);
    fromA[0]!.resolve();
    expect(bIssued).toBe(1);
    expect(total.inFlight).toBe(2);
  });

  it('should stop passing the parent wake-ups on once closed', () => {
    const total = new CreditPool({ records: 1 });
    const partition = new CreditPool({ records: 5 }, { parent: total });
    let wakeUps = 0;
    partition.onRelease(() => wakeUps++);
    const t = total.issue();
    partition.close();
    t.resolve();
    expect(wakeUps).toBe(0);
  });
});

import { Subject } from 'rxjs';
import { fromArray, Ticket, tracked } from '../../src/index';
import { sleep } from '../helpers';

describe('overdue tickets', () => {
  it('should report each element unresolved for too long, once, and stop when unsubscribed', async () => {
    const reports: number[][] = [];
    const held: Ticket[] = [];
    const source = fromArray([10, 20, 30], {
      overdue: { afterMs: 20, report: (tickets) => reports.push(tickets.map((t) => t.issuedAt)) },
    });
    const values: number[] = [];
    const done = new Subject<void>();
    const sub = tracked(source).subscribe((t) => {
      values.push(t.value);
      if (t.value === 20) t.ticket.resolve();
      else held.push(t.ticket);
    });
    await sleep(80);
    expect(values).toEqual([10, 20, 30]);
    // two elements were never resolved: each reported once (in one report, or two if they fell due apart)
    const reportedOnce = reports.flat();
    expect(reportedOnce).toHaveLength(2);
    const reportsBefore = reports.length;
    held[0]!.resolve();
    sub.unsubscribe();
    done.next();
    await sleep(50);
    expect(reports).toHaveLength(reportsBefore);
  });

  it('should report nothing when every element is finished in time', async () => {
    const reports: unknown[] = [];
    const sub = tracked(
      fromArray([1, 2, 3], { overdue: { afterMs: 20, report: (t) => reports.push(t) } }),
    ).subscribe((t) => t.ticket.resolve());
    await sleep(60);
    sub.unsubscribe();
    expect(reports).toEqual([]);
  });
});

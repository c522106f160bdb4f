import * as E from 'fp-ts/Either';
import { runCollect, succeed, Tracked, tracked } from '../../src/index';
import { testScheduler } from '../helpers';

describe('succeed', () => {
  it('should emit one element and complete (marble)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(succeed(1)).toBe('(1|)', { 1: 1 });
    });
  });

  it('should give the element to a runner, as it is', async () => {
    const value = { id: 7 };
    const result = await runCollect(succeed(value))();
    expect(result).toEqual(E.right([value]));
    expect(E.isRight(result) && result.right[0]).toBe(value);
  });

  it('should emit undefined and null as elements', async () => {
    expect(await runCollect(succeed(undefined))()).toEqual(E.right([undefined]));
    expect(await runCollect(succeed(null))()).toEqual(E.right([null]));
  });

  it('should carry a ticket, and complete once credit is back', () => {
    const held: Array<Tracked<string>> = [];
    let completed = false;
    tracked(succeed('x')).subscribe({ next: (t) => held.push(t), complete: () => (completed = true) });
    expect(held.map((t) => t.value)).toEqual(['x']);
    expect(held[0]!.ticket.resolved).toBe(false);
    // the default credit leaves room to find the end at once
    expect(completed).toBe(true);
    held[0]!.ticket.resolve();
    expect(held[0]!.ticket.resolved).toBe(true);
  });

  it('should emit again for each subscription', async () => {
    const s = succeed('again');
    expect(await runCollect(s)()).toEqual(E.right(['again']));
    expect(await runCollect(s)()).toEqual(E.right(['again']));
  });
});

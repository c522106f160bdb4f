import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { CreditStats, Defect, fromOm, Om, runCollect } from '../../src/index';
import { flushPromises, hold, testScheduler } from '../helpers';

describe('fromOm', () => {
  it('should emit the one result of an effect and complete (marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const effect = cold('--a|');
      expectObservable(fromOm(effect)).toBe('--(a|)');
      expectSubscriptions(effect.subscriptions).toBe('^-!');
    });
  });

  it('should run an Om, a TaskEither, a Promise thunk and a plain value', async () => {
    expect(await runCollect(fromOm(Om.succeed(1)))()).toEqual(E.right([1]));
    expect(await runCollect(fromOm(TE.right('te')))()).toEqual(E.right(['te']));
    expect(await runCollect(fromOm(() => Promise.resolve('p')))()).toEqual(E.right(['p']));
    expect(await runCollect(fromOm(Promise.resolve('promise')))()).toEqual(E.right(['promise']));
    expect(await runCollect(fromOm('plain'))()).toEqual(E.right(['plain']));
  });

  it('should run the effect once per subscription', async () => {
    let runs = 0;
    const s = fromOm(Om.fromPromise(() => Promise.resolve(++runs)));
    expect(await runCollect(s)()).toEqual(E.right([1]));
    expect(await runCollect(s)()).toEqual(E.right([2]));
    expect(runs).toBe(2);
  });

  it('should fail with the raw Left value of a typed failure', async () => {
    const failure = { _tag: 'NotFound' as const };
    const result = await runCollect(fromOm(Om.fail(failure)))();
    expect(result).toEqual(E.left(failure));
    expect(E.isLeft(result) && result.left).toBe(failure);
    expect(await runCollect(fromOm(TE.left('te failure')))()).toEqual(E.left('te failure'));
  });

  it('should fail with a Defect for a rejection or a throw', async () => {
    const boom = new Error('boom');
    expect(await runCollect(fromOm(() => Promise.reject(boom)))()).toEqual(
      E.left(new Defect(boom, 'fromOm')),
    );
    const thrown = await runCollect(
      fromOm(() => {
        throw boom;
      }),
    )();
    expect(thrown).toEqual(E.left(new Defect(boom, 'fromOm')));
    expect(E.isLeft(thrown) && (thrown.left as Defect).cause).toBe(boom);
  });

  it('should fail with a Defect when an Observable effect errors or completes empty', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(fromOm(cold('--#', undefined, 'err'))).toBe(
        '--#',
        undefined,
        new Defect('err', 'fromOm'),
      );
      expectObservable(fromOm(cold('--|'))).toBe(
        '--#',
        undefined,
        new Defect('the Observable completed without a value', 'fromOm'),
      );
    });
  });

  it('should run the effect with the context of the stream', async () => {
    const { values, state } = hold(fromOm(Om.asks((r: { name: string }) => `hi ${r.name}`)), { name: 'ada' });
    await flushPromises();
    expect(values()).toEqual(['hi ada']);
    expect(state.completed).toBe(true);
  });

  it('should take one credit, and complete while its ticket is still held', async () => {
    const stats = new CreditStats();
    const { held, state, values } = hold(fromOm(Om.succeed('x'), { credit: 1, stats }));
    await flushPromises();
    expect(values()).toEqual(['x']);
    expect(state.completed).toBe(true);
    expect(stats).toMatchObject({ pulled: 1, inFlight: 1 });
    held[0]!.ticket.resolve();
    expect(stats).toMatchObject({ finished: 1, inFlight: 0 });
  });

  it('should cancel the effect on an early unsubscription', async () => {
    let signal: AbortSignal | undefined;
    const effect = Om.fromPromise((s) => {
      signal = s;
      return new Promise<number>(() => undefined);
    });
    const { subscription, values } = hold(fromOm(effect));
    await flushPromises();
    expect(signal?.aborted).toBe(false);
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
    expect(values()).toEqual([]);
  });

  it('should unsubscribe an Observable effect on an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const effect = cold('----a|');
      expectObservable(fromOm(effect), '^-!').toBe('---');
      expectSubscriptions(effect.subscriptions).toBe('^-!');
    });
  });

  it('should reject a bad credit when made', () => {
    expect(() => fromOm(1, { credit: 0 })).toThrow(RangeError);
  });
});

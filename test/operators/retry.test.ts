import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { defer, Observable, of, throwError } from 'rxjs';
import { Defect, fail, fromArray, map, mapM, Om, retry, runCollect, Stream, take } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('retry', () => {
  it('should resubscribe after each typed failure with a growing delay (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--#');
      const expected = '   --a-----a------a--#';
      expectObservable(source.pipe(retry({ retries: 2, delayMs: 1 }))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe(['^----!', '------^----!', '-------------^----!']);
    });
  });

  it('should retry at once a number of times when the policy is a number', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--#');
      expectObservable(source.pipe(retry(2))).toBe('--a----a----a--#');
      expectSubscriptions(source.subscriptions).toBe(['^----!', '-----^----!', '----------^----!']);
    });
  });

  it('should not retry with no retries', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a#', undefined, 'e');
      expectObservable(source.pipe(retry(0))).toBe('-a#', undefined, 'e');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('should go on once a retry succeeds', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      let attempt = 0;
      const source = defer(() => (attempt++ < 2 ? cold('-a#', undefined, 'e') : cold('-b-c|')));
      expectObservable(source.pipe(retry({ retries: 5, delayMs: 2, factor: 1 }))).toBe('-a---a---b-c|');
    });
  });

  it('should apply the factor and the cap of the backoff on virtual time', () => {
    testScheduler().run(({ cold, expectSubscriptions, expectObservable }) => {
      const source = cold('#', undefined, 'e');
      // waits 2, 6, then 10 (18 capped)
      expectObservable(source.pipe(retry({ retries: 3, delayMs: 2, factor: 3, maxDelayMs: 10 }))).toBe(
        '------------------#',
        undefined,
        'e',
      );
      expectSubscriptions(source.subscriptions).toBe([
        '(^!)',
        '--(^!)',
        '--------(^!)',
        '------------------(^!)',
      ]);
    });
  });

  it('should retry only the failures `while` accepts', () => {
    const calls: Array<[string, number]> = [];
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      let n = 0;
      const errors = ['net', 'net', 'fatal'];
      const source = defer(() => cold('-a#', undefined, errors[n++]));
      expectObservable(
        source.pipe(
          retry({
            retries: 5,
            while: (e: string, attempt) => {
              calls.push([e, attempt]);
              return e === 'net';
            },
          }),
        ),
      ).toBe('-a-a-a#', undefined, 'fatal');
      const direct = cold('-#', undefined, 'fatal');
      expectObservable(direct.pipe(retry({ retries: 5, while: (e: string) => e !== 'fatal' }))).toBe(
        '-#',
        undefined,
        'fatal',
      );
      expectSubscriptions(direct.subscriptions).toBe('^!');
    });
    expect(calls).toEqual([
      ['net', 1],
      ['net', 2],
      ['fatal', 3],
    ]);
  });

  it('should give `while` the attempt numbers 1, 2, …', () => {
    const calls: Array<[string, number]> = [];
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(
        cold('-#', undefined, 'e').pipe(
          retry({
            retries: 5,
            while: (e: string, attempt) => {
              calls.push([e, attempt]);
              return attempt < 3;
            },
          }),
        ),
      ).toBe('---#', undefined, 'e');
    });
    expect(calls).toEqual([
      ['e', 1],
      ['e', 2],
      ['e', 3],
    ]);
  });

  it('should turn a throw of `while` into a Defect', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const boom = new Error('boom');
      expectObservable(
        cold('-#', undefined, 'e').pipe(
          retry({
            retries: 1,
            while: () => {
              throw boom;
            },
          }),
        ),
      ).toBe('-#', undefined, new Defect(boom, 'retry'));
    });
  });

  it('should never retry a Defect', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b|');
      const boom = new Error('boom');
      const result = source.pipe(
        map((x: string) => {
          if (x === 'b') throw boom;
          return x;
        }),
        retry(3),
      );
      expectObservable(result).toBe('-a-#', undefined, new Defect(boom, 'map'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should pass never, empty and successful streams unchanged', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-').pipe(retry(2))).toBe('-');
      expectObservable(cold('|').pipe(retry(2))).toBe('|');
      expectObservable(cold('-a-(bc)|').pipe(retry(2))).toBe('-a-(bc)|');
    });
  });

  it('should not resubscribe after an early unsubscription, even while waiting', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a#');
      expectObservable(source.pipe(retry({ retries: 3, delayMs: 5 })), '----!').toBe('-a--');
      expectSubscriptions(source.subscriptions).toBe('^-!');
      const source2 = cold('-a-b-c|');
      expectObservable(source2.pipe(retry(3)), '--!').toBe('-a');
      expectSubscriptions(source2.subscriptions).toBe('^-!');
    });
  });

  it('should retry an Om-based stream with the runner and keep its typed failure', async () => {
    let tries = 0;
    const flaky: Stream<number, 'busy'> = pipe(
      fromArray([1]),
      mapM(() => (++tries < 3 ? Om.fail('busy' as const) : Om.succeed(tries))),
    );
    expect(await pipe(flaky, retry<'busy'>(5), runCollect)()).toEqual(E.right([3]));
    expect(tries).toBe(3);

    let subs = 0;
    const always: Observable<never> = defer(() => {
      subs++;
      return throwError(() => 'down');
    });
    expect(await pipe(always, retry({ retries: 2, delayMs: 5 }), runCollect)()).toEqual(E.left('down'));
    expect(subs).toBe(3);

    let defects = 0;
    const broken = pipe(
      of(1),
      mapM(() => {
        defects++;
        return Promise.reject(new Error('bug'));
      }),
    );
    const result = await pipe(broken, retry(3), runCollect)();
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
    expect(defects).toBe(1);
    expect(await pipe(fail('x'), retry(1), runCollect)()).toEqual(E.left('x'));
  });

  it('should resolve the tickets of elements emitted by every attempt', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2]));
    let failures = 1;
    const once = pipe(
      stream,
      mapM((n) => (n === 2 && failures-- > 0 ? Om.fail('again') : Om.succeed(n))),
    );
    expect(await pipe(once, retry(1), take(3), runCollect)()).toEqual(E.right([1, 1, 2]));
    // the 2 of the first attempt was lost to its failure; everything else is finished
    expect(log.entries.map((e) => [e.value, e.resolvedAt !== undefined])).toEqual([
      [1, true],
      [2, false],
      [1, true],
      [2, true],
    ]);
  });

  it('should reject a bad policy', () => {
    expect(() => retry(-1)).toThrow(RangeError);
    expect(() => retry({ retries: 1, delayMs: -1 })).toThrow(RangeError);
  });
});

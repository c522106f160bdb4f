import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { EMPTY, map as rxMap, of, throwError, timer } from 'rxjs';
import { Defect, fromArray, Om, provide, runCollect, tapM } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { flushPromises, sleep, testScheduler } from '../helpers';

describe('tapM', () => {
  describe('in virtual time', () => {
    it('should emit each element once its effect succeeded (the doc marble)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-1-2-|', { 1: 1, 2: 2 });
        expectObservable(source.pipe(tapM(() => timer(1)))).toBe('--1-2|', { 1: 1, 2: 2 });
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('should run one effect at a time and ignore its value', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const inner = cold('--(z|)', { z: 'ignored' });
        expectObservable(cold('-(ab)|').pipe(tapM(() => inner))).toBe('---a-(b|)');
        expectSubscriptions(inner.subscriptions).toBe(['-^-!', '---^-!']);
      });
    });

    it('should handle never, empty, error and a never-ending source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        expectObservable(cold('-').pipe(tapM(() => of(0)))).toBe('-');
        expectObservable(cold('|').pipe(tapM(() => of(0)))).toBe('|');
        expectObservable(cold('-a-#', undefined, 'err').pipe(tapM(() => of(0)))).toBe(
          '-a-#',
          undefined,
          'err',
        );
        const endless = cold('-a-b-');
        expectObservable(endless.pipe(tapM(() => undefined))).toBe('-a-b-');
        expectSubscriptions(endless.subscriptions).toBe('^');
      });
    });

    it('should stop at an early unsubscription and unsubscribe the running effect', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-|');
        const inner = cold('--x');
        expectObservable(source.pipe(tapM(() => inner)), '----!').toBe('---a');
        expectSubscriptions(source.subscriptions).toBe('^---!');
        expectSubscriptions(inner.subscriptions).toBe(['-^-!', '---^!']);
      });
    });

    it('should turn a throw, an Observable error or an empty Observable into a Defect', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const boom = new Error('boom');
        const source = cold('-a-b-|');
        expectObservable(
          source.pipe(
            tapM((x: string) => {
              if (x === 'b') throw boom;
              return of(0);
            }),
          ),
        ).toBe('-a-#', undefined, new Defect(boom, 'tapM'));
        expectSubscriptions(source.subscriptions).toBe('^--!');
        expectObservable(cold('-a|').pipe(tapM(() => throwError(() => boom)))).toBe(
          '-#',
          undefined,
          new Defect(boom, 'tapM'),
        );
        expectObservable(cold('-a|').pipe(tapM(() => EMPTY))).toBe(
          '-#',
          undefined,
          new Defect('the Observable completed without a value', 'tapM'),
        );
      });
    });

    it('should hand each ticket on with its element', () => {
      const ts = testScheduler();
      let log!: TicketLog<string>;
      ts.run(({ cold, expectObservable }) => {
        const recorded = recordTickets(cold<string>('-a-b|'), () => ts.now());
        log = recorded.log;
        expectObservable(recorded.stream.pipe(tapM(() => timer(2).pipe(rxMap(() => 'x'))))).toBe('---a-(b|)');
      });
      expect(log.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
        ['a', 3],
        ['b', 5],
      ]);
    });
  });

  describe('with real Promises', () => {
    it('should accept each kind of effect: Om, TaskEither, Promise, Observable and plain value', async () => {
      const calls: number[] = [];
      const kinds = [
        (n: number) => Om.succeed(calls.push(n)),
        (n: number) => TE.right(calls.push(n)),
        (n: number) => sleep(1).then(() => calls.push(n)),
        (n: number) => of(calls.push(n)),
        (n: number) => calls.push(n),
      ];
      for (const kind of kinds) {
        calls.length = 0;
        const { stream, log } = recordTickets(fromArray([1, 2, 3]));
        expect(await pipe(stream, tapM(kind), runCollect)()).toEqual(E.right([1, 2, 3]));
        expect(calls).toEqual([1, 2, 3]);
        expect(log.open()).toBe(0);
      }
    });

    it('should give an Om its context', async () => {
      const seen: string[] = [];
      const result = await pipe(
        of('a', 'b'),
        tapM((s: string) => Om.asks((r: { tag: string }) => seen.push(r.tag + s))),
        provide({ tag: '#' }),
        runCollect,
      )();
      expect(result).toEqual(E.right(['a', 'b']));
      expect(seen).toEqual(['#a', '#b']);
    });

    it('should wait for each effect before passing the element on', async () => {
      const events: string[] = [];
      const result = await pipe(
        fromArray([1, 2]),
        tapM(async (n: number) => {
          events.push(`start ${n}`);
          await sleep(1);
          events.push(`end ${n}`);
        }),
        runCollect,
      )();
      expect(result).toEqual(E.right([1, 2]));
      expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    });

    it('should fail with the raw value of a Left, and with a Defect for a rejection', async () => {
      expect(
        await pipe(
          fromArray([1, 2]),
          tapM(() => TE.left('bad')),
          runCollect,
        )(),
      ).toEqual(E.left('bad'));
      expect(
        await pipe(
          fromArray([1, 2]),
          tapM(() => Om.fail(404)),
          runCollect,
        )(),
      ).toEqual(E.left(404));
      const boom = new Error('boom');
      const result = await pipe(
        fromArray([1]),
        tapM(() => Promise.reject(boom)),
        runCollect,
      )();
      expect(result).toEqual(E.left(new Defect(boom, 'tapM')));
      expect(((result as E.Left<unknown>).left as Defect).cause).toBe(boom);
    });

    it('should abort the running effect when unsubscribed', async () => {
      const signals: Array<AbortSignal | undefined> = [];
      const sub = fromArray([1, 2])
        .pipe(
          tapM((): Om.Om<unknown, never, void> => () => (signal?: AbortSignal) => {
            signals.push(signal);
            return new Promise(() => undefined);
          }),
        )
        .subscribe();
      await flushPromises();
      expect(signals).toHaveLength(1);
      sub.unsubscribe();
      expect(signals[0]!.aborted).toBe(true);
    });
  });
});

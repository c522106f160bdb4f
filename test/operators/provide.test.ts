import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import * as RTE from 'fp-ts/ReaderTaskEither';
import {
  concatMap,
  fromArray,
  fromOm,
  mapM,
  Om,
  provide,
  runCollect,
  runDrain,
  Stream,
  take,
} from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

interface Config {
  readonly factor: number;
}

const scale = (n: number): Om.Om<Config, never, number> =>
  pipe(
    Om.ask<Config>(),
    RTE.map((config) => n * config.factor),
  );

describe('provide', () => {
  it('should pass the elements unchanged (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--|');
      const expected = '   --a--b--|';
      expectObservable(source.pipe(provide({ factor: 1 }))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should pass never, empty, errors and unsubscriptions on', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold('-').pipe(provide({}))).toBe('-');
      expectObservable(cold('|').pipe(provide({}))).toBe('|');
      expectObservable(cold('-a-#', undefined, 'e').pipe(provide({}))).toBe('-a-#', undefined, 'e');
      const source = cold('-a-b-c|');
      expectObservable(source.pipe(provide({})), '--!').toBe('-a');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('should give the context to an Om inside mapM', async () => {
    const needsConfig: Stream<number, never, Config> = pipe(fromArray([1, 2, 3]), mapM(scale));
    expect(await pipe(needsConfig, provide({ factor: 10 }), runCollect)()).toEqual(E.right([10, 20, 30]));
    expect(await pipe(needsConfig, provide({ factor: 2 }), runCollect)()).toEqual(E.right([2, 4, 6]));
  });

  it('should not let a runner take a stream whose context was not provided', async () => {
    const needsConfig = pipe(fromArray([1]), mapM(scale));
    // @ts-expect-error the context Config has not been provided
    runCollect(needsConfig);
    // @ts-expect-error the same for runDrain
    runDrain(needsConfig);
    expect(await runCollect(pipe(needsConfig, provide({ factor: 3 })))()).toEqual(E.right([3]));
  });

  it('should not accept a context of the wrong type', () => {
    const needsConfig = pipe(fromArray([1]), mapM(scale));
    // @ts-expect-error factor must be a number
    const wrong = pipe(needsConfig, provide({ factor: 'ten' }));
    expect(wrong).toBeInstanceOf(Stream);
  });

  it('should reach the source and the inner streams of the pipeline above', async () => {
    const source = fromOm(Om.asks((c: Config) => [c.factor, c.factor + 1]));
    const result = await pipe(
      source,
      concatMap((xs) => pipe(fromArray(xs), mapM(scale))),
      provide({ factor: 5 }),
      runCollect,
    )();
    expect(result).toEqual(E.right([25, 30]));
  });

  it('should let a later provide supply the stages below the first one', async () => {
    interface Prefix {
      readonly prefix: string;
    }
    const result = await pipe(
      fromArray([1, 2]),
      mapM(scale),
      provide({ factor: 100 }),
      mapM((n) => Om.asks((p: Prefix) => `${p.prefix}${n}`)),
      provide({ prefix: '#' }),
      runCollect,
    )();
    expect(result).toEqual(E.right(['#100', '#200']));
  });

  it('should keep the tickets and the unsubscription of take', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    expect(await pipe(stream, mapM(scale), provide({ factor: 1 }), take(2), runCollect)()).toEqual(
      E.right([1, 2]),
    );
    expect(log.entries.slice(0, 2).map((e) => e.resolvedAt !== undefined)).toEqual([true, true]);
  });
});

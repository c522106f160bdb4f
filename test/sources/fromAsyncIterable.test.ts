import * as E from 'fp-ts/Either';
import { Observable, take as rxTake, toArray } from 'rxjs';
import { CreditStats, Defect, fromAsyncIterable, runCollect } from '../../src/index';
import { flushPromises, hold, sleep } from '../helpers';

/**
 * Subscribes under Jest's fake timers and draws what arrives as a marble diagram, one frame per millisecond
 * (no groups: each frame holds one event at most).
 */
const marbles = async (source: Observable<string>, frames: number): Promise<string> => {
  const events = new Map<number, string>();
  const start = Date.now();
  const at = (c: string): void => {
    const frame = Date.now() - start;
    events.set(frame, (events.get(frame) ?? '') + c);
  };
  source.subscribe({ next: at, error: () => at('#'), complete: () => at('|') });
  await jest.advanceTimersByTimeAsync(0);
  for (let i = 0; i < frames; i++) await jest.advanceTimersByTimeAsync(1);
  let out = '';
  const last = Math.max(...events.keys());
  for (let f = 0; f <= last; f++) {
    const e = events.get(f) ?? '-';
    out += e.length > 1 ? `(${e})` : e;
  }
  return out;
};

/** An async generator that logs each step and whether it was closed. */
const logged = (n: number) => {
  const log: string[] = [];
  async function* gen(): AsyncGenerator<number> {
    try {
      for (let i = 0; i < n; i++) {
        await Promise.resolve();
        log.push(`yield ${i}`);
        yield i;
      }
      log.push('end');
    } finally {
      log.push('finally');
    }
  }
  return { log, gen };
};

describe('fromAsyncIterable', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should emit each element when it arrives, and complete (marble on fake timers)', async () => {
    jest.useFakeTimers();
    // waits 2 frames before each line and before it ends
    async function* lines(): AsyncGenerator<string> {
      for (const line of ['a', 'b', 'c']) {
        await sleep(2);
        yield line;
      }
      await sleep(2);
    }
    expect(await marbles(fromAsyncIterable(lines()), 20)).toBe('--a-b-c-|');
  });

  it('should emit the elements and complete with a runner', async () => {
    const { log, gen } = logged(3);
    expect(await runCollect(fromAsyncIterable(gen()))()).toEqual(E.right([0, 1, 2]));
    expect(log).toEqual(['yield 0', 'yield 1', 'yield 2', 'end', 'finally']);
  });

  it('should complete for an empty async iterable', async () => {
    async function* none(): AsyncGenerator<number> {}
    expect(await runCollect(fromAsyncIterable(none()))()).toEqual(E.right([]));
  });

  it('should call next() one at a time', async () => {
    let pending = 0;
    let most = 0;
    let i = 0;
    const iterable: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          pending++;
          most = Math.max(most, pending);
          await new Promise((resolve) => setTimeout(resolve, 1));
          pending--;
          return i < 5 ? { done: false, value: i++ } : { done: true, value: undefined };
        },
      }),
    };
    expect(await runCollect(fromAsyncIterable(iterable))()).toEqual(E.right([0, 1, 2, 3, 4]));
    expect(most).toBe(1);
  });

  it('should advance a generator no further than the credit allows', async () => {
    const { log, gen } = logged(10);
    const stats = new CreditStats();
    const { held, values } = hold(fromAsyncIterable(gen(), { credit: 2, stats }));
    await flushPromises();
    expect(values()).toEqual([0, 1]);
    expect(log).toEqual(['yield 0', 'yield 1']);
    await flushPromises();
    expect(log).toEqual(['yield 0', 'yield 1']);
    held[1]!.ticket.resolve();
    await flushPromises();
    expect(values()).toEqual([0, 1, 2]);
    expect(log).toEqual(['yield 0', 'yield 1', 'yield 2']);
    expect(stats).toMatchObject({ pulled: 3, finished: 1, inFlight: 2, maxInFlight: 2 });
  });

  it('should close the iterator (return()) on an early unsubscription', async () => {
    const { log, gen } = logged(100);
    const got = await new Promise<number[]>((resolve) =>
      fromAsyncIterable(gen()).pipe(rxTake(2), toArray()).subscribe(resolve),
    );
    expect(got).toEqual([0, 1]);
    await flushPromises();
    expect(log).toEqual(['yield 0', 'yield 1', 'finally']);
  });

  it('should close the iterator when a holder of tickets unsubscribes', async () => {
    const returned = jest.fn(() => Promise.resolve({ done: true as const, value: undefined }));
    let i = 0;
    const iterable: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.resolve({ done: false, value: i++ }),
        return: returned,
      }),
    };
    const { subscription, values } = hold(fromAsyncIterable(iterable, { credit: 1 }));
    await flushPromises();
    expect(values()).toEqual([0]);
    subscription.unsubscribe();
    expect(returned).toHaveBeenCalledTimes(1);
  });

  it('should not call return() after the iterator finished', async () => {
    const returned = jest.fn(() => Promise.resolve({ done: true as const, value: undefined }));
    const iterable: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.resolve({ done: true, value: undefined }),
        return: returned,
      }),
    };
    expect(await runCollect(fromAsyncIterable(iterable))()).toEqual(E.right([]));
    expect(returned).not.toHaveBeenCalled();
  });

  it('should fail with a Defect when the generator throws', async () => {
    const boom = new Error('boom');
    async function* failing(): AsyncGenerator<string> {
      yield 'a';
      throw boom;
    }
    const { values, state } = hold(fromAsyncIterable(failing()));
    await flushPromises();
    expect(values()).toEqual(['a']);
    expect(state.error).toEqual(new Defect(boom, 'fromAsyncIterable'));
    expect((state.error as Defect).cause).toBe(boom);
    const result = await runCollect(fromAsyncIterable(failing()))();
    expect(result).toEqual(E.left(new Defect(boom, 'fromAsyncIterable')));
  });

  it('should fail with a Defect when next() throws synchronously or getting the iterator throws', async () => {
    const syncThrow: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          throw 'sync';
        },
      }),
    };
    const result = await runCollect(fromAsyncIterable(syncThrow))();
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
    expect(E.isLeft(result) && (result.left as Defect).cause).toBe('sync');
    const noIterator = {
      [Symbol.asyncIterator]: (): AsyncIterator<number> => {
        throw 'none';
      },
    };
    expect(await runCollect(fromAsyncIterable(noIterator))()).toEqual(
      E.left(new Defect('none', 'fromAsyncIterable')),
    );
  });

  it('should reject a bad credit when made', () => {
    async function* none(): AsyncGenerator<number> {}
    expect(() => fromAsyncIterable(none(), { credit: 0 })).toThrow(RangeError);
  });
});

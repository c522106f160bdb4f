import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { concatMap, fail, fromArray, traverse_ } from '../../src/index';

describe('traverse_ when the stream fails while an effect runs', () => {
  it('should resolve only after the running effect has finished', async () => {
    const events: string[] = [];
    const source = fromArray([1, 2]).pipe(
      concatMap((n: number) => (n === 1 ? fromArray([1]) : fail('boom' as const))),
    );
    const result = await pipe(
      source,
      traverse_(
        (n: number) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              events.push(`saved ${n}`);
              resolve();
            }, 20),
          ),
      ),
    )();
    events.push('resolved');
    expect(result).toEqual(E.left('boom'));
    expect(events).toEqual(['saved 1', 'resolved']);
  });
});

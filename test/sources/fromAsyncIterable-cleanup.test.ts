import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { fromAsyncIterable, runCollect, take } from '../../src/index';
import { sleep } from '../helpers';

describe('fromAsyncIterable cleanup', () => {
  it("should let a runner wait for an async generator's finally when take cuts it short", async () => {
    const events: string[] = [];
    async function* numbers() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        await sleep(20);
        events.push('closed');
      }
    }
    const result = await pipe(fromAsyncIterable(numbers()), take(2), runCollect)();
    events.push('resolved');
    expect(result).toEqual(E.right([0, 1]));
    expect(events).toEqual(['closed', 'resolved']);
  });
});

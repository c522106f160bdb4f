import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { acquireRelease, fail, fromArray, merge, runCollect } from '../../src/index';
import { later } from '../helpers';

describe('acquireRelease when the run ends while acquiring', () => {
  it('should release a resource acquired after the run failed, before the runner resolves', async () => {
    const events: string[] = [];
    const resourceful = acquireRelease(
      () => later('conn', 20).then((c) => (events.push('acquired'), c)),
      () => later(undefined, 10).then(() => events.push('released')),
      (c: string) => fromArray([c]),
    );
    // the other side of the merge fails at once, while the acquisition is still running
    const result = await pipe(resourceful, merge(fail('boom' as const)), runCollect)();
    events.push('resolved');
    expect(result).toEqual(E.left('boom'));
    expect(events).toEqual(['acquired', 'released', 'resolved']);
  });
});

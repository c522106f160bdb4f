/**
 * Shared test helpers.
 */
import { TestScheduler } from 'rxjs/testing';

/** A fresh TestScheduler whose assertions use Jest's deep equality. */
export const testScheduler = (): TestScheduler =>
  new TestScheduler((actual, expected) => {
    expect(actual).toEqual(expected);
  });

/** Waits for every pending Promise callback and one macrotask turn. */
export const flushPromises = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

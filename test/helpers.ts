/**
 * Shared test helpers.
 */
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { tracked, Tracked } from '../src/index';

/** A fresh TestScheduler whose assertions use Jest's deep equality. */
export const testScheduler = (): TestScheduler =>
  new TestScheduler((actual, expected) => {
    expect(actual).toEqual(expected);
  });

/** Waits for every pending Promise callback and one macrotask turn. */
export const flushPromises = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Waits `ms` milliseconds of real time. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Subscribes to a stream's tracked channel and keeps every ticket unresolved, as a stuck sink would: what the
 * source emits then is exactly what its credit allows.
 */
export const hold = <A>(stream: Observable<A>, env?: unknown) => {
  const held: Array<Tracked<A>> = [];
  const state = { completed: false, error: undefined as unknown };
  const subscription = tracked(stream, env).subscribe({
    next: (t) => held.push(t),
    error: (e: unknown) => (state.error = e),
    complete: () => (state.completed = true),
  });
  return { held, state, subscription, values: () => held.map((t) => t.value) };
};

/** `a`, after `ms` milliseconds of real time. */
export const later = <A>(a: A, ms = 1): Promise<A> =>
  new Promise((resolve) => setTimeout(() => resolve(a), ms));

/** Lets `n` turns of the microtask queue pass. */
export const microtasks = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

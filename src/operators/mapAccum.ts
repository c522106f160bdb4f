import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Maps with a state carried from element to element: `f(state, a)` returns `[nextState, b]` and `b` is emitted.
 * The function comes first, as in Strom.
 *
 * ```
 * --a--b--c--|   mapAccum((i, x) => [i + 1, `${i}:${x}`], 0)
 * --0--1--2--|   0 = '0:a', 1 = '1:b', 2 = '2:c'
 * ```
 *
 * @param f the step
 * @param seed the first state
 * @category operators
 * @since 0.1.0
 */
export function mapAccum<S, A, B>(f: (s: S, a: A) => readonly [S, B], seed: S): Operator<A, B> {
  return operate<A, B>((up, out) => {
    let s = seed;
    subscribeLinked(up, out, (t) => {
      let b: B;
      try {
        const r = f(s, t.value);
        s = r[0];
        b = r[1];
      } catch (reason) {
        return out.error(Defect.of(reason, 'mapAccum'));
      }
      out.next({ value: b, ticket: t.ticket });
    });
  });
}

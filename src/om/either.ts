/**
 * The few fp-ts constructors and refinements we use at run time, written against fp-ts's types.
 *
 * fp-ts 2.x has no `exports` map, so `import * as E from 'fp-ts/Either'` fails in Node's ES module loader; with
 * these, fp-ts is needed for its types only and the package loads the same way as ES module and CommonJS.
 *
 * @internal
 */
import type { Either, Left, Right } from 'fp-ts/Either';
import type { None, Option, Some } from 'fp-ts/Option';

export const left = <E = never, A = never>(e: E): Either<E, A> => ({ _tag: 'Left', left: e });
export const right = <E = never, A = never>(a: A): Either<E, A> => ({ _tag: 'Right', right: a });
export const isLeft = <E, A>(ma: Either<E, A>): ma is Left<E> => ma._tag === 'Left';
export const isRight = <E, A>(ma: Either<E, A>): ma is Right<A> => ma._tag === 'Right';
export const isSome = <A>(fa: Option<A>): fa is Some<A> => fa._tag === 'Some';
export const isNone = <A>(fa: Option<A>): fa is None => fa._tag === 'None';

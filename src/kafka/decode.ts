/**
 * Decoding record values into typed values, with failures that say which record.
 *
 * @since 0.2.0
 */
import type { Either } from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import * as E from '../om/either.js';
import { KafkaDecodeError, KafkaRecordError, RecordCoordinates } from './errors.js';
import type { KafkaRecord } from './port.js';

/** What a decoder's `Left` says, in one line (an io-ts error list names the paths that failed). */
const explain = (left: unknown): string => {
  if (typeof left === 'string') return left;
  if (left instanceof Error) return left.message;
  if (Array.isArray(left)) {
    const paths = left.map((e: { context?: ReadonlyArray<{ key: string }> }) =>
      (e.context ?? [])
        .map((c) => c.key)
        .filter((k) => k !== '')
        .join('.'),
    );
    if (paths.length > 0) return `invalid at ${paths.map((p) => (p === '' ? '(root)' : p)).join(', ')}`;
  }
  try {
    return JSON.stringify(left) ?? String(left);
  } catch {
    return String(left);
  }
};

/**
 * Decodes a record's value as UTF-8 JSON, then checks it with `decode` when given (an io-ts codec's `decode`, or
 * any function to `Either`). Use it with `mapM`: a value that is missing, is not JSON or does not check fails the
 * stream with a typed {@link KafkaDecodeError} carrying the record's topic, partition and offset. (To send such
 * records to a dead-letter topic instead, catch the `Left` in your own step.)
 *
 * ```ts
 * kafkaStream(options).pipe(mapM(decodeJson(Order.decode)))   // Stream<Order, KafkaDecodeError | ...>
 * ```
 *
 * @category decoding
 * @since 0.2.0
 */
export const decodeJson =
  <A = unknown>(decode?: (u: unknown) => Either<unknown, A>) =>
  (record: KafkaRecord): TaskEither<KafkaDecodeError, A> =>
  () =>
    Promise.resolve(decodeJsonNow(record, decode));

/**
 * The synchronous form of {@link decodeJson}: the decoded value or the typed failure, as an `Either`.
 *
 * @category decoding
 * @since 0.2.0
 */
export const decodeJsonNow = <A = unknown>(
  record: KafkaRecord,
  decode?: (u: unknown) => Either<unknown, A>,
): Either<KafkaDecodeError, A> => {
  if (record.value === null) return E.left(new KafkaDecodeError(record, 'the value is empty (a tombstone)'));
  let json: unknown;
  try {
    json = JSON.parse(record.value.toString('utf8'));
  } catch (error) {
    return E.left(new KafkaDecodeError(record, `not JSON: ${explain(error)}`, error));
  }
  if (decode === undefined) return E.right(json as A);
  const checked = decode(json);
  return E.isLeft(checked)
    ? E.left(new KafkaDecodeError(record, explain(checked.left), checked.left))
    : checked;
};

/**
 * A step's failure with the coordinates of the record it was processing: `recordError(record, e)` gives a
 * `KafkaRecordError` whose message and fields say topic, partition and offset.
 *
 * @category errors
 * @since 0.2.0
 */
export const recordError = <E>(record: RecordCoordinates, error: E): KafkaRecordError<E> =>
  new KafkaRecordError(record, error);

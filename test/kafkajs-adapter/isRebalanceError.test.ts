/**
 * `isRebalanceError` must see the broker's error code however KafkaJS wraps it: a commit refused with
 * ILLEGAL_GENERATION reaches the caller as a KafkaJSNonRetriableError whose `cause` has the code, and one refused
 * with REBALANCE_IN_PROGRESS (retriable) as KafkaJSNumberOfRetriesExceeded once KafkaJS stops retrying.
 */
import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { isRebalanceError } from '../../src/kafka/index.js';

// KafkaJS's typings omit the second argument that its runtime takes (`{ cause }`, src/errors.js)
const NonRetriable = KafkaJSNonRetriableError as unknown as new (
  e: Error,
  options: { cause: Error },
) => KafkaJSNonRetriableError;

const protocolError = (type: string): KafkaJSProtocolError =>
  new KafkaJSProtocolError({ message: `broker says ${type}`, type, code: 0, retriable: false } as never);

describe('isRebalanceError', () => {
  it.each(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID'])(
    'should recognise %s bare, wrapped as non-retriable, and wrapped as retries exceeded',
    (type) => {
      const bare = protocolError(type);
      expect(isRebalanceError(bare)).toBe(true);
      expect(isRebalanceError(new NonRetriable(bare, { cause: bare }))).toBe(true);
      expect(
        isRebalanceError(new KafkaJSNumberOfRetriesExceeded(bare, { retryCount: 5, retryTime: 100 })),
      ).toBe(true);
    },
  );

  it('should not take other failures for a rebalance', () => {
    const other = protocolError('OFFSET_METADATA_TOO_LARGE');
    expect(isRebalanceError(other)).toBe(false);
    expect(isRebalanceError(new NonRetriable(other, { cause: other }))).toBe(false);
    expect(isRebalanceError(new KafkaJSConnectionError('connection closed'))).toBe(false);
    expect(isRebalanceError(new Error('ILLEGAL_GENERATION'))).toBe(false);
    expect(isRebalanceError(undefined)).toBe(false);
    expect(isRebalanceError('REBALANCE_IN_PROGRESS')).toBe(false);
  });
});

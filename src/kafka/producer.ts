/**
 * Producer sinks: effects that send what a pipeline made and succeed only once the broker acknowledged it.
 *
 * Use them with a runner that resolves a ticket after its effect (`traverse_`), or with `mapM` before `runDrain`:
 * either way a record's offset becomes committable only after what was produced from it is written.
 *
 * ```ts
 * records.pipe(map(toMessage), grouped(50), traverse_(sendBatch(producer, 'enriched-events')))
 * ```
 *
 * @since 0.2.0
 */
import type { TaskEither } from 'fp-ts/TaskEither';
import * as E from '../om/either.js';
import { KafkaProduceError } from './errors.js';
import type { ProducerMessage, ProducerPort, RecordAck } from './port.js';

const send =
  (
    producer: ProducerPort,
    topic: string,
    messages: readonly ProducerMessage[],
  ): TaskEither<KafkaProduceError, readonly RecordAck[]> =>
  () =>
    producer.send(topic, messages).then(
      (acks) => E.right(acks),
      (error: unknown) => E.left(new KafkaProduceError(topic, messages.length, error)),
    );

/**
 * An effect that sends one message to `topic` and succeeds with the broker's acknowledgement; a send the broker
 * does not acknowledge is a typed `KafkaProduceError`.
 *
 * @category sinks
 * @since 0.2.0
 */
export const sendMessage =
  (producer: ProducerPort, topic: string) =>
  (message: ProducerMessage): TaskEither<KafkaProduceError, readonly RecordAck[]> =>
    send(producer, topic, [message]);

/**
 * An effect that sends a batch of messages to `topic` in one request and succeeds once the broker acknowledged
 * all of them; otherwise a typed `KafkaProduceError`. An empty batch sends nothing.
 *
 * @category sinks
 * @since 0.2.0
 */
export const sendBatch =
  (producer: ProducerPort, topic: string) =>
  (messages: readonly ProducerMessage[]): TaskEither<KafkaProduceError, readonly RecordAck[]> =>
    messages.length === 0 ? () => Promise.resolve(E.right([])) : send(producer, topic, messages);

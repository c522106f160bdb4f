/**
 * strom-rx/kafka: Kafka consumer sources and producer sinks with credit, exact commits and typed errors.
 *
 * @since 0.2.0
 */
export { kafkaStream, KafkaStreamStats } from './kafkaStream.js';
export type { KafkaCommitPolicy, KafkaCredit, KafkaStreamOptions } from './kafkaStream.js';
export { sendBatch, sendMessage } from './producer.js';
export { decodeJson, decodeJsonNow, recordError } from './decode.js';
export {
  CommitRefused,
  KafkaCommitError,
  KafkaConsumerError,
  KafkaDecodeError,
  KafkaProduceError,
  KafkaRecordError,
} from './errors.js';
export type { KafkaError, RecordCoordinates } from './errors.js';
export { fromKafkaJS, isRebalanceError } from './kafkajs.js';
export type {
  AdminPort,
  ConsumerListener,
  ConsumerPort,
  ConsumerSettings,
  FetchedBatch,
  FetchedRecord,
  KafkaClient,
  KafkaHeaders,
  KafkaRecord,
  OffsetToCommit,
  ProducerMessage,
  ProducerPort,
  ProducerSettings,
  RecordAck,
  TopicPartition,
  TopicSpec,
} from './port.js';

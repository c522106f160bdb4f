/**
 * Kafka sources and sinks. Not yet built: the consumer source, commit loop and producer sinks come next, on top
 * of the credit layer and the offset ledger that `strom-rx` already exports.
 *
 * @since 0.1.0
 */
export {};

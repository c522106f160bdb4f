// Jest global setup of the `kafka` project (Jest runs it only when a test of that project is selected).
// Makes a broker available before any test runs and hands its address to the test workers in KAFKA_BROKERS:
// - KAFKA_BROKERS already set: checks that its first broker answers, and fails the run if it does not;
// - otherwise starts the broker of scripts/kafka.mjs, or reuses one it started earlier.
// When no broker can be had the run fails here, with the reason: the Kafka tests are never skipped.
import kafkajs from 'kafkajs';
import { startBroker, stopBroker } from '../../scripts/kafka.mjs';

const { Kafka, logLevel } = kafkajs;

/**
 * A fresh broker creates its group-offsets topic on the first group request and answers "coordinator not
 * available", "not coordinator" or "coordinator is loading" until that topic is ready. Ask here until it answers,
 * so that the first consumer of the tests does not crash and restart (KafkaJS logs that as an error).
 */
async function warmUpGroupCoordinator(brokers, timeoutMs = 30000) {
  const admin = new Kafka({
    clientId: 'strom-test-warm-up',
    brokers: brokers.split(',').map((s) => s.trim()),
    logLevel: logLevel.NOTHING,
  }).admin();
  const deadline = Date.now() + timeoutMs;
  await admin.connect();
  try {
    for (;;) {
      try {
        await admin.fetchOffsets({ groupId: 'strom-test-warm-up' });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

export default async function globalSetup() {
  const log = (line) => process.stderr.write(`${line}\n`);
  log('');
  let broker;
  try {
    broker = await startBroker({ log });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The Kafka integration tests (Jest project "kafka") need a broker, and none could be had:\n${reason}`,
    );
  }
  // Read by global-teardown.mjs, which runs in this same process: stop only a broker this run started.
  globalThis.__STROM_KAFKA_STARTED_BY_JEST__ = broker.started;
  process.env.KAFKA_BROKERS = broker.brokers;
  // The single-node broker of scripts/kafka.mjs (not a cluster of the user's): tests may count on one node.
  process.env.STROM_KAFKA_OWN_BROKER = broker.external ? '0' : '1';
  try {
    await warmUpGroupCoordinator(broker.brokers);
  } catch (error) {
    // Jest runs no global teardown after a failed global setup: stop here what this run started.
    if (broker.started) await stopBroker({ log });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The Kafka broker at ${broker.brokers} accepts connections, but its group coordinator did not answer ` +
        `within 30 s: ${reason}`,
    );
  }
}

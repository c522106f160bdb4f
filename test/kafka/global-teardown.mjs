// Jest global teardown of the `kafka` project: stops the broker if global-setup.mjs started it in this run. A
// broker that was already running (started by `npm run kafka:start`) or a cluster in KAFKA_BROKERS is left alone.
import { stopBroker } from '../../scripts/kafka.mjs';

export default async function globalTeardown() {
  if (globalThis.__STROM_KAFKA_STARTED_BY_JEST__ === true) {
    globalThis.__STROM_KAFKA_STARTED_BY_JEST__ = false;
    await stopBroker({ log: (line) => process.stderr.write(`${line}\n`) });
  }
}

/**
 * takeWhile resolves the ticket of the first element that fails its predicate (src/operators/takeWhile.ts),
 * although that element never goes further down the pipeline. On a Kafka source that commits its offset: the next
 * run of the group starts after it, so the record is never processed. `take(n)` and `takeUntil` leave the elements
 * they do not pass on open ("never processed and its ticket stays open"); takeWhile does the opposite.
 */
import { takeWhile, traverse_ } from '../../src/index.js';
import type { KafkaRecord } from '../../src/kafka/index.js';
import { kafkaStream } from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';
import { produceNumbered } from './support';

const value = (r: KafkaRecord): number => Number(r.value!.toString());

describe('takeWhile on a Kafka source', () => {
  it('should not commit the record that ended takeWhile, since no step processed it', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 1);
    produceNumbered(kafka, 't', 10, 1);
    const processed: number[] = [];
    const job = () =>
      kafkaStream({ client: kafka, groupId: 'g', topics: ['t'], fromBeginning: true }).pipe(
        takeWhile((r: KafkaRecord) => value(r) < 5),
        traverse_((r: KafkaRecord) => {
          processed.push(value(r));
        }),
      )();

    expect((await job())._tag).toBe('Right');
    expect(processed).toEqual([0, 1, 2, 3, 4]);
    // record 5 was not processed; the group must read it again
    expect(kafka.committed('g', 't').get(0)).toBe('5');
  });
});

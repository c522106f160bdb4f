/**
 * Bad input on the real broker: a value that does not decode fails the run with a typed error that names its
 * topic, partition and offset, and nothing from that record on is committed.
 */
import { mapM, traverse_ } from '../../src/index.js';
import { decodeJson, KafkaDecodeError, kafkaStream } from '../../src/kafka/index.js';
import { committedOffsets, createTopic, uniqueName } from './env';
import { client, produceNumbered } from './support';

const BAD = 137;

describe('a record that does not decode', () => {
  it('should fail the run with KafkaDecodeError at its coordinates and commit nothing from it on', async () => {
    const topic = uniqueName('decode-in');
    const groupId = uniqueName('decode-group');
    await createTopic(topic, 1);
    await produceNumbered(topic, 400, 1, (i) => (i === BAD ? '{not json' : JSON.stringify({ n: i })));

    const seen: number[] = [];
    const result = await kafkaStream({
      client: client('decode-test'),
      groupId,
      topics: [topic],
      fromBeginning: true,
      commit: { everyRecords: 10, everyMs: 50 },
    }).pipe(
      mapM(decodeJson((u) => ({ _tag: 'Right' as const, right: u as { n: number } }))),
      traverse_((v: { n: number }) => {
        seen.push(v.n);
      }),
    )();

    expect(result._tag).toBe('Left');
    const error = (result as { left: unknown }).left;
    expect(error).toBeInstanceOf(KafkaDecodeError);
    expect(error).toMatchObject({ topic, partition: 0, offset: String(BAD) });
    expect((error as Error).message).toContain(`topic ${topic}, partition 0, offset ${BAD}`);
    expect(seen).toEqual(Array.from({ length: BAD }, (_, i) => i));

    const committed = await committedOffsets(groupId, topic);
    const offset = Number(committed.get(0));
    // everything before the bad record was finished, and its commit went out when the run stopped
    expect(offset).toBe(BAD);
  });
});

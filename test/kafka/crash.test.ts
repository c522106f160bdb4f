/**
 * A consumer killed with SIGKILL in the middle of a run, on the real broker: no graceful shutdown, no last commit,
 * no leaving the group. A new consumer in the same group then starts from what the dead one committed. Nothing is
 * lost, and the records processed twice are exactly those the dead one had finished and not yet committed — no
 * more than its credit plus one commit interval.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapParallel, traverse_ } from '../../src/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { CRASH_CREDIT, CRASH_EVERY_RECORDS } from './crash-settings';
import { brokers, committedOffsets, createTopic, endOffsets, uniqueName } from './env';
import { client, eventually, produceNumbered } from './support';

const COUNT = 30_000;
const PARTITIONS = 3;

const lines = (file: string): string[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];

describe('a consumer killed with SIGKILL half-way', () => {
  it('should lose nothing, and the next consumer repeats only what was finished and not committed', async () => {
    const topic = uniqueName('crash-in');
    const groupId = uniqueName('crash-group');
    await createTopic(topic, PARTITIONS);
    await produceNumbered(topic, COUNT, PARTITIONS);
    const dir = mkdtempSync(join(tmpdir(), 'strom-crash-'));
    const file = join(dir, 'first.txt');

    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(__dirname, 'crash-child.ts'), topic, groupId, file],
        {
          env: { ...process.env, KAFKA_BROKERS: brokers().join(',') },
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      );
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.once('exit', (code, signal) => resolve(signal ?? code)),
      );
      await eventually(() => lines(file).length >= COUNT / 3, 'the first consumer to get a third of the way');
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const first = lines(file).map((l) => Number(l.split(' ')[2]));
      expect(first.length).toBeLessThan(COUNT);
      expect(new Set(first).size).toBe(first.length);
      const afterCrash = await committedOffsets(groupId, topic);
      const committedByFirst = [...afterCrash.values()].reduce((a, o) => a + Math.max(0, Number(o)), 0);
      expect(committedByFirst).toBeGreaterThan(0);

      // the second consumer: same group, ends once every record was seen by one consumer or the other
      const union = new Set(first);
      const second: number[] = [];
      const stats = new KafkaStreamStats();
      const shutdown = new AbortController();
      const result = await kafkaStream({
        client: client('crash-second'),
        groupId,
        topics: [topic],
        fromBeginning: true,
        stats,
        shutdown: { signal: shutdown.signal },
      }).pipe(
        mapParallel(8, async (r) => Number(r.value!.toString())),
        traverse_((n) => {
          second.push(n);
          union.add(n);
          if (union.size === COUNT) shutdown.abort();
        }),
      )();
      expect(result._tag).toBe('Right');

      // nothing lost
      expect(union.size).toBe(COUNT);
      // it started where the dead consumer's commits ended: what it repeated is what was finished after them
      const duplicates = first.length + second.length - COUNT;
      expect(duplicates).toBe(first.length - committedByFirst);
      expect(duplicates).toBeLessThanOrEqual(CRASH_CREDIT + CRASH_EVERY_RECORDS);
      expect(await committedOffsets(groupId, topic)).toEqual(await endOffsets(topic));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

#!/usr/bin/env node
// A single-node Apache Kafka broker (KRaft, broker and controller in one JVM) for the integration tests,
// assembled from the jars on Maven Central: no Docker, no Kafka download other than through Maven.
//
//   node scripts/kafka.mjs start    fetch the jars if needed, format a fresh data dir, start, wait until ready
//   node scripts/kafka.mjs stop     stop the broker this script started
//   node scripts/kafka.mjs status   say whether it runs
//
// As a module: startBroker(options?), stopBroker(options?), brokerStatus(options?) (used by the Jest global
// setup in test/kafka/). Only Node's standard library is used. Everything lives in .kafka/ at the repo root.
//
// Environment:
//   KAFKA_BROKERS   host:port[,host:port...] of a cluster of your own: `start` only checks that the first one
//                   answers and starts nothing
//   KAFKA_PORT      the broker's port (default 19092); the controller listens on KAFKA_PORT + 1
//   KAFKA_JAVA      the java executable (default: $JAVA_HOME/bin/java when JAVA_HOME is set, else java)
//   KAFKA_MVN       the mvn executable (default: mvn); used only when the jars are not in .kafka/ yet
//   KAFKA_START_TIMEOUT_MS  how long to wait for the broker to become ready (default 90000)

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const scriptsDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(scriptsDir, '..');
const pomFile = join(scriptsDir, 'kafka', 'pom.xml');
const log4jConfig = join(scriptsDir, 'kafka', 'log4j2.properties');
const workDir = join(root, '.kafka');
const pidFile = join(workDir, 'broker.pid');
const portFile = join(workDir, 'broker.port');
const logFile = join(workDir, 'broker.log');

const DEFAULT_PORT = 19092;
const DEFAULT_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 20_000;
const READY_LINE = 'Kafka Server started';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/** The Kafka version, read from scripts/kafka/pom.xml so that it is written down in one place only. */
export function kafkaVersion() {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(readFileSync(pomFile, 'utf8'));
  if (!match) throw new Error(`no <kafka.version> property in ${pomFile}`);
  return match[1];
}

const libDir = (version) => join(workDir, `lib-${version}`);
const kafkaJar = (version) => join(libDir(version), `kafka_2.13-${version}.jar`);

class BrokerError extends Error {
  constructor(message) {
    super(message);
    this.name = 'BrokerError';
  }
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function parsePort(text, what) {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65534) {
    throw new BrokerError(`${what} must be a port number between 1 and 65534, got "${text}"`);
  }
  return port;
}

/** The first host:port of a KAFKA_BROKERS list. */
function firstBroker(list) {
  const first = list
    .split(',')
    .map((s) => s.trim())
    .find((s) => s !== '');
  const colon = first ? first.lastIndexOf(':') : -1;
  if (!first || colon <= 0) {
    throw new BrokerError(`KAFKA_BROKERS must be host:port[,host:port...], got "${list}"`);
  }
  const host = first.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return {
    host,
    port: parsePort(first.slice(colon + 1), `the port in KAFKA_BROKERS ("${first}")`),
    address: first,
  };
}

/** Resolves true when a TCP connection to host:port succeeds within timeoutMs. */
export function answers(host, port, timeoutMs = 1000) {
  return new Promise((done) => {
    const socket = net.connect({ host, port });
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Resolves true when nothing listens on 127.0.0.1:port (we could bind it ourselves). */
function portIsFree(port) {
  return new Promise((done) => {
    const server = net.createServer();
    server.once('error', () => done(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => done(true)));
  });
}

function readNumber(file) {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** True when pid is alive and (where /proc tells) really a Kafka broker JVM, not a recycled PID. */
function isOurBroker(pid) {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('kafka.Kafka');
  } catch {
    return true; // no /proc (macOS): trust the PID
  }
}

function forgetBroker() {
  rmSync(pidFile, { force: true });
  rmSync(portFile, { force: true });
}

function tailOfLog(lines = 40) {
  if (!existsSync(logFile)) return `(no log at ${logFile})`;
  const all = readFileSync(logFile, 'utf8').split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all.slice(-lines).join('\n');
}

function logContains(text) {
  try {
    return readFileSync(logFile, 'utf8').includes(text);
  } catch {
    return false;
  }
}

function javaExecutable() {
  if (process.env.KAFKA_JAVA) return process.env.KAFKA_JAVA;
  if (process.env.JAVA_HOME) {
    const candidate = join(process.env.JAVA_HOME, 'bin', 'java');
    if (existsSync(candidate)) return candidate;
  }
  return 'java';
}

/** Checks that java runs and is 17 or later (Kafka 4's broker needs 17). */
function checkJava(java) {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new BrokerError(
      `cannot run java ("${java}": ${result.error.code ?? result.error.message}). The test broker needs ` +
        'Java 17 or later: install it (Debian: apt-get install openjdk-17-jre-headless), put it on PATH, or ' +
        'point KAFKA_JAVA at the java executable. Or set KAFKA_BROKERS to a Kafka cluster of your own.',
    );
  }
  const output = `${result.stderr}${result.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : NaN;
  if (result.status !== 0 || !(major >= 17)) {
    throw new BrokerError(
      `"${java} -version" ${result.status !== 0 ? `failed (exit ${result.status})` : `reports Java ${major}`}; ` +
        `Kafka ${kafkaVersion()} needs Java 17 or later.\n${output.trim()}`,
    );
  }
}

/** Copies the broker's jars into .kafka/lib-<version>/ with Maven, unless they are there already. */
function ensureJars(version, log) {
  if (existsSync(kafkaJar(version))) return;
  const mvn = process.env.KAFKA_MVN || 'mvn';
  const target = libDir(version);
  const staging = `${target}.partial-${process.pid}`;
  log(`kafka: fetching the Kafka ${version} jars with Maven into ${target} (once; later starts reuse them)`);
  rmSync(staging, { recursive: true, force: true });
  const started = Date.now();
  const result = spawnSync(
    mvn,
    [
      '-B',
      '-q',
      '-f',
      pomFile,
      `${DEPENDENCY_PLUGIN}:copy-dependencies`,
      '-DincludeScope=runtime',
      `-DoutputDirectory=${staging}`,
    ],
    { encoding: 'utf8', cwd: root },
  );
  if (result.error) {
    throw new BrokerError(
      `cannot run Maven ("${mvn}": ${result.error.code ?? result.error.message}); it is needed once, to fetch ` +
        `the Kafka jars from Maven Central into ${target}. Install it (Debian: apt-get install maven), put ` +
        'it on PATH or point KAFKA_MVN at it. Or set KAFKA_BROKERS to a Kafka cluster of your own.',
    );
  }
  if (result.status !== 0 || !existsSync(join(staging, `kafka_2.13-${version}.jar`))) {
    rmSync(staging, { recursive: true, force: true });
    throw new BrokerError(
      `Maven could not fetch the Kafka ${version} jars (exit ${result.status}):\n` +
        `${result.stdout}${result.stderr}`.trim(),
    );
  }
  // Move the finished folder into place in one step, so an interrupted download never looks complete.
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  log(`kafka: jars fetched in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function serverProperties(port, dataDir) {
  const controller = port + 1;
  return [
    '# Written by scripts/kafka.mjs for this start; rewritten on every start.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controller}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'log.cleaner.dedupe.buffer.size=1048577',
    '',
  ].join('\n');
}

/** A cluster id as Kafka's Uuid.randomUuid() makes them: 16 random bytes, URL-safe base64 without padding. */
function clusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-') && id !== 'AAAAAAAAAAAAAAAAAAAAAA' && id !== 'AAAAAAAAAAAAAAAAAAAAAQ') return id;
  }
}

/** What runs now: a broker this script started (pid file, process alive) and whether its port answers. */
export async function brokerStatus() {
  const pid = readNumber(pidFile);
  const port = readNumber(portFile);
  if (pid === undefined || !isOurBroker(pid)) {
    return { running: false, stalePidFile: pid !== undefined };
  }
  const answering = port !== undefined && (await answers('127.0.0.1', port));
  return {
    running: true,
    pid,
    port,
    answering,
    brokers: port !== undefined ? `127.0.0.1:${port}` : undefined,
  };
}

async function waitForStop(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(200);
  }
  return !isAlive(pid);
}

/**
 * Stops the broker this script started: SIGTERM, up to 20 s for a clean shutdown, then SIGKILL. Resolves
 * { stopped: true, pid } or, when none runs, { stopped: false }.
 */
export async function stopBroker({ log = (line) => console.error(line) } = {}) {
  const pid = readNumber(pidFile);
  if (pid === undefined || !isOurBroker(pid)) {
    forgetBroker();
    log('kafka: no broker started by scripts/kafka.mjs is running; nothing to stop');
    return { stopped: false };
  }
  const started = Date.now();
  log(`kafka: stopping the broker (pid ${pid})`);
  try {
    process.kill(pid, 'SIGTERM');
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
  if (!(await waitForStop(pid, STOP_GRACE_MS))) {
    log(`kafka: still running after ${STOP_GRACE_MS / 1000} s, sending SIGKILL`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
    await waitForStop(pid, 5000);
  }
  forgetBroker();
  log(`kafka: stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { stopped: true, pid };
}

/**
 * Makes a broker available and resolves { brokers, started, reused, external, pid?, port }:
 * - with KAFKA_BROKERS set, only checks that its first broker answers (external: true);
 * - with a broker of ours already running and answering on the port, reuses it (reused: true);
 * - otherwise formats a fresh data dir and starts one (started: true), detached, so it outlives this process.
 * Rejects with a message that says what to do when that is not possible.
 */
export async function startBroker(options = {}) {
  const log = options.log ?? ((line) => console.error(line));
  const env = options.env ?? process.env;

  if (env.KAFKA_BROKERS && env.KAFKA_BROKERS.trim() !== '') {
    const { host, port, address } = firstBroker(env.KAFKA_BROKERS);
    if (!(await answers(host, port, 3000))) {
      throw new BrokerError(
        `KAFKA_BROKERS is set to "${env.KAFKA_BROKERS}" but ${address} does not accept TCP connections. ` +
          'Start that cluster, or unset KAFKA_BROKERS to let scripts/kafka.mjs start a broker of its own.',
      );
    }
    log(`kafka: using the cluster in KAFKA_BROKERS (${address} answers); starting nothing`);
    return { brokers: env.KAFKA_BROKERS, port, started: false, reused: false, external: true };
  }

  const port = options.port ?? (env.KAFKA_PORT ? parsePort(env.KAFKA_PORT, 'KAFKA_PORT') : DEFAULT_PORT);
  const brokers = `127.0.0.1:${port}`;
  const timeoutMs =
    options.timeoutMs ??
    (env.KAFKA_START_TIMEOUT_MS ? Number(env.KAFKA_START_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS);

  const current = await brokerStatus();
  if (current.running) {
    if (current.port === port && current.answering) {
      log(`kafka: reusing the broker already running on ${brokers} (pid ${current.pid}, started earlier)`);
      return { brokers, port, pid: current.pid, started: false, reused: true, external: false };
    }
    if (current.port !== port) {
      throw new BrokerError(
        `a broker started by scripts/kafka.mjs is already running on port ${current.port} (pid ${current.pid}), ` +
          `not on ${port}. Stop it first (npm run kafka:stop) or use KAFKA_PORT=${current.port}.`,
      );
    }
    log(`kafka: the broker with pid ${current.pid} does not answer on ${brokers}; restarting it`);
    await stopBroker({ log });
  } else if (current.stalePidFile) {
    forgetBroker();
  }

  for (const p of [port, port + 1]) {
    if (!(await portIsFree(p))) {
      throw new BrokerError(
        `port ${p} on 127.0.0.1 is already in use by another process (not a broker started by ` +
          `scripts/kafka.mjs), and the test broker needs ${port} (clients) and ${port + 1} (controller). ` +
          'Free it, set KAFKA_PORT to another port (the next one up must be free too), or set KAFKA_BROKERS ' +
          'to a running Kafka cluster.',
      );
    }
  }

  const java = javaExecutable();
  checkJava(java);
  const version = kafkaVersion();
  mkdirSync(workDir, { recursive: true });
  ensureJars(version, log);

  const started = Date.now();
  const classpath = `${libDir(version)}/*`;
  const dataDir = join(workDir, `data-${port}`);
  const propsFile = join(workDir, `server-${port}.properties`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(propsFile, serverProperties(port, dataDir));
  writeFileSync(
    logFile,
    `# scripts/kafka.mjs: Kafka ${version} on ${brokers}, ${new Date().toISOString()}\n`,
  );

  const jvmLogging = [`-Dlog4j2.configurationFile=${log4jConfig}`, `-Dkafka.log.file=${logFile}`];
  const format = spawnSync(
    java,
    [
      ...jvmLogging,
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId(),
      '-c',
      propsFile,
      '--ignore-formatted',
    ],
    { encoding: 'utf8', cwd: workDir },
  );
  if (format.status !== 0) {
    throw new BrokerError(
      `formatting ${dataDir} failed (exit ${format.status ?? format.signal}):\n` +
        `${format.stdout}${format.stderr}`.trim(),
    );
  }

  log(`kafka: starting Kafka ${version} on ${brokers} (log: ${logFile})`);
  const out = openSync(logFile, 'a');
  const child = spawn(
    java,
    [
      '-Xms256m',
      '-Xmx768m',
      '-Djava.awt.headless=true',
      ...jvmLogging,
      '-cp',
      classpath,
      'kafka.Kafka',
      propsFile,
    ],
    { cwd: workDir, detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  let exited;
  child.once('exit', (code, signal) => (exited = signal ?? `exit code ${code}`));
  child.once('error', (error) => (exited = error.message));
  if (child.pid !== undefined) {
    writeFileSync(pidFile, `${child.pid}\n`);
    writeFileSync(portFile, `${port}\n`);
  }

  const deadline = started + timeoutMs;
  let failure;
  for (;;) {
    if (exited !== undefined) {
      failure = `the broker process ended before it was ready (${exited})`;
      break;
    }
    if (logContains(READY_LINE) && (await answers('127.0.0.1', port))) break;
    if (Date.now() > deadline) {
      failure = `the broker was not ready within ${timeoutMs / 1000} s`;
      break;
    }
    await sleep(250);
  }

  if (failure !== undefined) {
    if (exited === undefined && child.pid !== undefined) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    forgetBroker();
    throw new BrokerError(
      `${failure}. Last lines of ${logFile}:\n${tailOfLog(40)}\n` +
        '(set KAFKA_BROKERS to use a Kafka cluster of your own instead)',
    );
  }

  child.unref();
  log(`kafka: ready on ${brokers} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid})`);
  return { brokers, port, pid: child.pid, started: true, reused: false, external: false };
}

async function main(command) {
  switch (command) {
    case 'start': {
      const { brokers } = await startBroker();
      // The one line on stdout, so that `export $(node scripts/kafka.mjs start)` works.
      console.log(`KAFKA_BROKERS=${brokers}`);
      return 0;
    }
    case 'stop':
      await stopBroker();
      return 0;
    case 'status': {
      const status = await brokerStatus();
      if (!status.running) {
        console.log('kafka: no broker started by scripts/kafka.mjs is running');
        return 3;
      }
      console.log(
        `kafka: running, pid ${status.pid}, ${status.brokers} ${status.answering ? 'answers' : 'does NOT answer'}`,
      );
      if (status.answering) console.log(`KAFKA_BROKERS=${status.brokers}`);
      return status.answering ? 0 : 1;
    }
    default:
      console.error('usage: node scripts/kafka.mjs start|stop|status');
      return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(`kafka: ${error instanceof BrokerError ? error.message : (error.stack ?? error)}`);
      process.exitCode = 1;
    },
  );
}

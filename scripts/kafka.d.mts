// Types of scripts/kafka.mjs, for the TypeScript that imports it (examples, benchmarks).

export interface BrokerStarted {
  /** host:port to connect to */
  readonly brokers: string;
  readonly port: number;
  readonly pid?: number;
  /** true when this call started the broker (so the caller should stop it) */
  readonly started: boolean;
  /** true when a broker started earlier by the script was running already */
  readonly reused: boolean;
  /** true when KAFKA_BROKERS named a cluster of the user's own */
  readonly external: boolean;
}

export interface BrokerOptions {
  readonly log?: (line: string) => void;
  readonly env?: Record<string, string | undefined>;
}

export function kafkaVersion(): string;
export function answers(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export function brokerStatus(): Promise<{ readonly running: boolean; readonly [k: string]: unknown }>;
export function startBroker(options?: BrokerOptions): Promise<BrokerStarted>;
export function stopBroker(options?: {
  readonly log?: (line: string) => void;
}): Promise<{ readonly stopped: boolean }>;

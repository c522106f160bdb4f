/** What test/kafka/crash.test.ts and the consumer it kills agree on. */
export const CRASH_CREDIT = 300;
export const CRASH_EVERY_RECORDS = 100;

// Runs before each test file of the `kafka` project. Jest reads `testTimeout` only from the top level of the
// config (30 s, for the unit tests) and ignores it inside a project, so the Kafka tests get their 120 s here.
jest.setTimeout(120000);

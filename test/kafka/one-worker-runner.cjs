// Jest runner for the `kafka` project: Jest's own runner with one worker, so that the project's test files run
// one at a time against the one broker, while the other projects keep their workers. (`maxWorkers` is a global
// option only: Jest ignores it inside a project. A project's `runner` is per project, and Jest runs the tests of
// different runners one runner after the other.)
const { default: TestRunner } = require('jest-runner');

class OneWorkerRunner extends TestRunner {
  constructor(globalConfig, context, options) {
    super({ ...globalConfig, maxWorkers: 1 }, context, options);
  }
}

module.exports = OneWorkerRunner;

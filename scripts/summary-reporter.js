// Prints one closing line that any CI can read: "N passed, N failed" (and ", N skipped" when some were).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    const line =
      `tests: ${results.numPassedTests} passed, ${results.numFailedTests + (failedSuites > 0 && results.numFailedTests === 0 ? failedSuites : 0)} failed` +
      (skipped > 0 ? `, ${skipped} skipped` : '');
    process.stdout.write(`\n${line}\n`);
  }
}
module.exports = SummaryReporter;

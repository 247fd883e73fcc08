// Totals jest's --json result files into the one closing line CI reads: "N passed, N failed".
const fs = require('fs');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
	if (!fs.existsSync(file)) {
		console.log(`no results in ${file} (the suite did not run)`);
		failed += 1;
		continue;
	}
	const result = JSON.parse(fs.readFileSync(file, 'utf8'));
	passed += result.numPassedTests;
	failed += result.numFailedTests + (result.numRuntimeErrorTestSuites || 0);
	skipped += result.numPendingTests + (result.numTodoTests || 0);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

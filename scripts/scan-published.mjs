// n8n's verification scanner on a package as published: `node scripts/scan-published.mjs <name>@<version>`.
// It checks the npm provenance statement, fetches the GitHub source the statement names and lints it,
// and lints the published tarball (@n8n/scan-community-package's analyzePackageByName, needs the network).
// Unlike the scanner's own command line, which prints a failure but exits 0, this exits 1 on a failure.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import tmp from 'tmp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The scanner makes a temporary folder on import and never removes it (see scripts/scan.mjs).
tmp.setGracefulCleanup();
const { analyzePackageByName, resolvePackage } = await import(
	join(root, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs')
);

const spec = process.argv[2];
if (!spec) {
	console.error('usage: node scripts/scan-published.mjs <name>@<version>');
	process.exit(2);
}
const { packageName, version } = resolvePackage(spec);
const result = await analyzePackageByName(packageName, version);
if (!result.passed) {
	console.error(`✗ ${packageName}@${result.version}: ${result.message}`);
	if (result.details) console.error(result.details);
	process.exit(1);
}
console.log(
	`✓ ${packageName}@${result.version} passes n8n's verification scanner (provenance, source, tarball)`,
);

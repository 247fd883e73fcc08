// Runs n8n's own verification scanner (@n8n/scan-community-package) offline, twice:
// on the sources (package.json, nodes/, credentials/) and on the unpacked `npm pack` tarball, i.e.
// exactly what would be published. The published scanner fetches the package from the registry;
// its `analyzePackage(dir, patterns)` lints a local folder with the same rules.
// Fails on any finding: errors (what the scanner itself rejects) and warnings too.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import tmp from 'tmp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The scanner makes a temp folder when it is imported and never removes it; have `tmp` (the same,
// hoisted module instance) remove it when this script exits.
tmp.setGracefulCleanup();
const scanner = await import(
	join(root, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs')
);
const { analyzePackage, buildScanConfig, SOURCE_FILE_PATTERNS } = scanner;

/**
 * Warnings reviewed and accepted, each with the reason. Anything else fails the scan.
 * - credential-unnecessary-password: the rule guesses secrecy from the field name; `accessKey` *is* the
 *   secret (Bird's access-key token), so it must stay masked.
 */
const ACCEPTED_WARNINGS = [
	{
		ruleId: '@n8n/community-nodes/credential-unnecessary-password',
		file: /BirdConversationsApi\.credentials\.(ts|js)$/,
	},
];

const accepted = (filePath, message) =>
	ACCEPTED_WARNINGS.some((entry) => entry.ruleId === message.ruleId && entry.file.test(filePath));

/** The scanner reports only errors; check warnings with the same config, so nothing slips through. */
async function warningsIn(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
		errorOnUnmatchedPattern: false,
	});
	const results = await eslint.lintFiles(patterns);
	const lines = [];
	for (const result of results) {
		for (const message of result.messages) {
			if (message.severity === 1 && !accepted(result.filePath, message)) {
				lines.push(
					`${result.filePath}:${message.line}:${message.column} ${message.message} (${message.ruleId})`,
				);
			}
		}
	}
	return lines.join('\n');
}

async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	const warnings = result.passed ? await warningsIn(dir, patterns) : '';
	if (!result.passed || warnings) {
		console.error(`✗ ${label}: ${result.message ?? 'warnings found'}`);
		console.error(result.details ?? warnings);
		return false;
	}
	console.log(`✓ ${label}: no findings`);
	return true;
}

function unpackTarball() {
	if (!existsSync(join(root, 'dist', 'nodes'))) {
		throw new Error('dist/ is missing: run `npm run build` before `npm run scan`.');
	}
	const work = mkdtempSync(join(tmpdir(), 'bird-scan-'));
	// --ignore-scripts: pack the dist/ already built (prepack would rebuild it from scratch).
	const output = execFileSync(
		'npm',
		['pack', '--ignore-scripts', '--json', '--pack-destination', work],
		{
			cwd: root,
			encoding: 'utf8',
		},
	);
	const [{ filename }] = JSON.parse(output);
	execFileSync('tar', ['-xzf', join(work, filename), '-C', work]);
	return { work, dir: join(work, 'package') };
}

let ok = await scan('sources', root, SOURCE_FILE_PATTERNS);
const { work, dir } = unpackTarball();
try {
	ok = (await scan('npm pack output', dir, ['**/*.js', '**/*.ts', '**/*.json'])) && ok;
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);

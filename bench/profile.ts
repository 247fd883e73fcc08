/**
 * Where n8n spends a benchmark's time: runs one scenario's workflow in an n8n started with V8's CPU
 * profiler, stops n8n (the profile is written on exit) and prints the functions with the most self time,
 * and the time per package. Used to find what is ours and what is n8n's; see BENCHMARKS.md.
 * BENCH_NODE_OPTIONS replaces the profiler flags given to n8n (e.g. `--require ./my-counter.js`).
 *
 *   npm run bench:profile -- send-bird | send-floor | send-http | list-bird | list-floor | list-http
 *                            | trigger-bird | trigger-birdResolve | trigger-floor | trigger-webhook   [--items 1000]
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { seedConversations, startBenchStack, type BenchStack } from './lib/stack';
import { benchTrigger } from './scenarios/trigger';
import {
	birdListWorkflow,
	birdSendWorkflow,
	floorListWorkflow,
	floorSendWorkflow,
	httpListWorkflow,
	httpSendWorkflow,
} from './lib/workflows';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount: number;
	children?: number[];
}

function summarise(file: string, top = 25): void {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as {
		nodes: ProfileNode[];
		samples: number[];
		timeDeltas: number[];
	};
	const selfUs = new Map<number, number>();
	profile.samples.forEach((id, i) =>
		selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
	);
	const byFunction = new Map<string, number>();
	const byPackage = new Map<string, number>();
	let total = 0;
	for (const node of profile.nodes) {
		const us = selfUs.get(node.id) ?? 0;
		if (!us) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		if (functionName === '(idle)' || functionName === '(program)') continue;
		total += us;
		const where = url.replace(/^file:\/\//, '').replace(/.*node_modules\//, '');
		const key = `${functionName || '(anonymous)'}  ${where}:${lineNumber + 1}`;
		byFunction.set(key, (byFunction.get(key) ?? 0) + us);
		const pkg =
			url.includes('/dist/nodes/') || url.includes('/dist/credentials/')
				? 'our package'
				: (/node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
					(url ? 'node:internal' : functionName));
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
	}
	const line = (ms: number, label: string) =>
		`${(ms / 1000).toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${label}`;
	console.log(`\nbusy CPU time: ${(total / 1000).toFixed(0)} ms\n\nby package:`);
	for (const [pkg, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15))
		console.log(line(us, pkg));
	console.log(
		line(
			byPackage.get('our package') ?? 0,
			'our package (dist/nodes, dist/credentials), always shown',
		),
	);
	console.log('\nby function (self time):');
	for (const [fn, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
		console.log(line(us, fn));
}

/** One contender of the trigger scenario (sandbox deliveries, then the load generator); the profile covers n8n. */
async function profileTrigger(stack: BenchStack, scenario: string, events: number): Promise<void> {
	const name = scenario.replace('trigger-', '');
	if (name !== 'bird' && name !== 'birdResolve' && name !== 'floor' && name !== 'webhook')
		throw new Error(`unknown scenario ${scenario}`);
	await benchTrigger(stack, 1, events, { only: [name] });
}

/** A warm-up run, then the measured run of a send or list workflow. */
async function profileWorkflow(stack: BenchStack, scenario: string, items: number): Promise<void> {
	let workflow;
	if (scenario.startsWith('send')) {
		const ids = seedConversations(stack.sandbox, 100, 'Profile');
		workflow =
			scenario === 'send-bird'
				? birdSendWorkflow(ids, items)
				: scenario === 'send-floor'
					? floorSendWorkflow(ids, items, stack.sandbox.url)
					: httpSendWorkflow(ids, items, stack.sandbox.url);
	} else {
		seedConversations(stack.sandbox, items, 'Profile');
		workflow =
			scenario === 'list-bird'
				? birdListWorkflow()
				: scenario === 'list-floor'
					? floorListWorkflow(stack.sandbox.url)
					: httpListWorkflow(stack.sandbox.url);
	}
	const id = await stack.importWorkflow(workflow);
	await stack.n8n.client.runWorkflow(id, 'Start', 900_000); // warm-up: n8n loads and compiles on first use
	const execution = await stack.n8n.client.runWorkflow(id, 'Start', 900_000);
	const runData = execution.data?.resultData.runData as Record<
		string,
		Array<{ executionTime?: number }>
	>;
	console.log(
		`${scenario}: ${Object.entries(runData)
			.map(([name, runs]) => `${name} ${runs[0].executionTime} ms`)
			.join(', ')}`,
	);
}

async function main(): Promise<void> {
	const scenario = process.argv[2] ?? 'send-bird';
	const itemsIndex = process.argv.indexOf('--items');
	const items =
		itemsIndex > 0
			? Number(process.argv[itemsIndex + 1])
			: scenario.startsWith('list')
				? 10_000
				: scenario.startsWith('trigger')
					? 300
					: 1000;
	const dir = mkdtempSync(join(tmpdir(), 'bird-profile-'));
	const stack = await startBenchStack({
		NODE_OPTIONS: `${process.env.BENCH_NODE_OPTIONS ?? `--cpu-prof --cpu-prof-dir=${dir}`}`,
	});
	try {
		if (scenario.startsWith('trigger')) await profileTrigger(stack, scenario, items);
		else await profileWorkflow(stack, scenario, items);
	} finally {
		await stack.close();
	}
	await report(dir);
}

async function report(dir: string): Promise<void> {
	// n8n's main process writes the biggest profile; the task runner writes its own, smaller one.
	const files = readdirSync(dir).map((f) => join(dir, f));
	const main = files.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
	if (!main) throw new Error(`no profile was written to ${dir}`);
	console.log(`profile: ${main}`);
	summarise(main);
}

void main();

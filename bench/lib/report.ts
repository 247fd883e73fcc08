import { cpus, release, totalmem } from 'node:os';

import type { ListResult } from '../scenarios/list';
import type { QueueResult } from '../scenarios/queue';
import type { SendResult } from '../scenarios/send';
import type { TriggerResult } from '../scenarios/trigger';
import type { VerifyResult } from '../scenarios/verify';
import { NODE_FLOOR_TARGET, queueSection, sendInN8nTable } from './report-queue';
import {
	TRIGGER_FLOOR_TARGETS,
	triggerControlSection,
	triggerFloorRatios,
	triggerSection,
	verifySection,
} from './report-trigger';
import { formatMb, formatMs, formatRatio, median, ratio, ratioRow, table, verdict } from './stats';

export interface BenchResults {
	startedAt: string;
	durationMs: number;
	runs: number;
	nodeVersion: string;
	n8nVersion: string;
	send?: SendResult;
	list?: ListResult;
	trigger?: TriggerResult;
	/** The trigger scenario again in an n8n with N8N_EXPRESSION_ENGINE=legacy (a control, see the report). */
	triggerLegacy?: TriggerResult;
	verify?: VerifyResult;
	scaling?: ListResult[];
	/** `--queue`: the trigger with 1 and 2 workers, Send on a worker. */
	queue?: QueueResult;
	/** CPUs, memory and kernel of the machine that measured (re-rendering elsewhere keeps it). */
	machine?: string;
	/** The machine's load average (1, 5, 15 min) before and after, and other n8n processes at the start. */
	load?: { before: number[]; after: number[]; otherN8nProcesses: number };
}

const perItemUs = (ms: number, items: number) => (ms * 1000) / items;

function sendSection(send: SendResult): string {
	const bird = median(send.bird.nodeMs);
	const floor = send.floor ? median(send.floor.nodeMs) : NaN;
	const http = send.http ? median(send.http.nodeMs) : NaN;
	const raw = send.raw ? median(send.raw.ms) : NaN;
	const ratios: string[][] = [];
	if (send.floor)
		ratios.push(ratioRow('Bird node / floor node', ratio(bird, floor), NODE_FLOOR_TARGET, 'max'));
	if (send.http)
		ratios.push(ratioRow('Bird node / HTTP Request node', ratio(bird, http), 1.0, 'max'));
	if (send.raw) ratios.push(ratioRow('Bird node / raw client', ratio(bird, raw), 1.3, 'max'));
	return [
		`## 1. Send: ${send.items.toLocaleString('en')} items → Message: Send (text)`,
		'',
		`Items round-robin over ${send.conversations} existing conversations. "Node" is the sending node's own time from n8n's run data; "execution" is the whole workflow (manual trigger, Set, Split Out, send). The floor node (bench/floor) is the least a coded community node can do for the same work: one \`httpRequest\` per item, 10 in flight, the access key as a plain parameter, no validation, retries or error shaping. The raw client sends one request at a time.`,
		'',
		sendInN8nTable(send),
		...(send.raw
			? [
					'',
					table(
						['Outside n8n', 'Time (median)', 'Runs'],
						[['Raw client, sequential', formatMs(raw), send.raw.ms.map(formatMs).join(', ')]],
					),
				]
			: []),
		'',
		table(['Ratio', 'Measured', 'Target', ''], ratios),
	].join('\n');
}

function listSection(list: ListResult): string {
	const bird = median(list.bird.nodeMs);
	const raw = median(list.raw.ms);
	const http = list.http ? median(list.http.nodeMs) : NaN;
	const httpSplit = list.http
		? median(list.http.nodeMs.map((ms, i) => ms + list.http!.splitMs[i]))
		: NaN;
	const rows = [
		[
			'Bird Conversations node (Return All)',
			formatMs(bird),
			formatMs(median(list.bird.wallMs)),
			formatMb(median(list.bird.peakRss)),
			String(median(list.bird.requests)),
		],
	];
	if (list.http) {
		rows.push([
			'HTTP Request node (pagination), pages as items',
			formatMs(http),
			'–',
			'–',
			String(median(list.http.requests)),
		]);
		rows.push([
			'HTTP Request node + Split Out, conversations as items',
			formatMs(httpSplit),
			formatMs(median(list.http.wallMs)),
			formatMb(median(list.http.peakRss)),
			String(median(list.http.requests)),
		]);
	}
	if (list.floor)
		rows.splice(1, 0, [
			'Floor node (one request per page, conversations as items)',
			formatMs(median(list.floor.nodeMs)),
			formatMs(median(list.floor.wallMs)),
			formatMb(median(list.floor.peakRss)),
			String(median(list.floor.requests)),
		]);
	rows.push(['Raw client loop', formatMs(raw), '–', '–', String(median(list.raw.requests))]);
	const ratios = [
		[
			'Bird node / raw client',
			formatRatio(ratio(bird, raw)),
			'≤ 1.3×',
			verdict(ratio(bird, raw), 1.3, 'max'),
		],
	];
	if (list.floor)
		ratios.unshift(
			ratioRow(
				'Bird node / floor node (same output)',
				ratio(bird, median(list.floor.nodeMs)),
				NODE_FLOOR_TARGET,
				'max',
			),
		);
	if (list.http) {
		ratios.splice(
			ratios.length - 1,
			0,
			[
				'Bird node / HTTP Request node + Split Out (same output)',
				formatRatio(ratio(bird, httpSplit)),
				'≤ 1.0×',
				verdict(ratio(bird, httpSplit), 1.0, 'max'),
			],
			[
				'Bird node / HTTP Request node alone (pages, not conversations)',
				formatRatio(ratio(bird, http)),
				'≤ 1.0×',
				verdict(ratio(bird, http), 1.0, 'max'),
			],
		);
	}
	return [
		`## 2. List: Return All over ${list.size.toLocaleString('en')} conversations`,
		'',
		`${list.pages} pages of 100. Every run checked that each conversation came out once; "requests" counts the list requests the sandbox received (a page fetched twice would show here). Peak RSS is n8n's main process during the run (its high-water mark, reset before the run).`,
		'',
		table(['Contender', 'Node (median)', 'Execution (median)', 'n8n peak RSS', 'Requests'], rows),
		'',
		table(['Ratio', 'Measured', 'Target', ''], ratios),
	].join('\n');
}

function scalingSection(sizes: ListResult[]): string {
	const first = sizes[0];
	const last = sizes[sizes.length - 1];
	const birdPerItem = (l: ListResult) => perItemUs(median(l.bird.nodeMs), l.size);
	const rawPerItem = (l: ListResult) => perItemUs(median(l.raw.ms), l.size);
	const ownPerItem = (l: ListResult) => birdPerItem(l) - rawPerItem(l);
	const growth = ratio(birdPerItem(last), birdPerItem(first));
	return [
		'## 4. Scaling: Return All at several sizes',
		'',
		'Per-item time must stay flat: no quadratic work and no page fetched twice. The raw client shows how the sandbox and loopback scale; "Bird − raw" is what n8n and the node add per item.',
		'',
		table(
			[
				'Conversations',
				'Bird node (median)',
				'Bird per item',
				'Raw client (median)',
				'Raw per item',
				'Bird − raw per item',
				'Requests (pages)',
				'Page fetched twice',
				'n8n peak RSS',
			],
			sizes.map((l) => [
				l.size.toLocaleString('en'),
				formatMs(median(l.bird.nodeMs)),
				`${birdPerItem(l).toFixed(1)} µs`,
				formatMs(median(l.raw.ms)),
				`${rawPerItem(l).toFixed(1)} µs`,
				`${ownPerItem(l).toFixed(1)} µs`,
				`${median(l.bird.requests)} (${l.pages})`,
				Math.max(...l.bird.maxRepeats) > 1 ? 'yes' : 'no',
				formatMb(median(l.bird.peakRss)),
			]),
		),
		'',
		table(
			['Ratio', 'Measured', 'Target', ''],
			[
				[
					`Bird per item at ${last.size.toLocaleString('en')} / at ${first.size.toLocaleString('en')}`,
					formatRatio(growth),
					'≤ 1.2×',
					verdict(growth, 1.2, 'max'),
				],
				[
					`Raw per item at ${last.size.toLocaleString('en')} / at ${first.size.toLocaleString('en')} (the sandbox and loopback)`,
					formatRatio(ratio(rawPerItem(last), rawPerItem(first))),
					'–',
					'',
				],
				[
					`Bird − raw per item at ${last.size.toLocaleString('en')} / at ${first.size.toLocaleString('en')} (n8n and the node)`,
					formatRatio(ratio(ownPerItem(last), ownPerItem(first))),
					'–',
					'',
				],
			],
		),
	].join('\n');
}

/** Every Bird/floor ratio of the run against the targets, in one table at the top. */
function floorSummary(results: BenchResults): string[][] {
	const rows: string[][] = [];
	const send = (label: string, result?: SendResult) => {
		if (result?.floor)
			rows.push(
				ratioRow(
					label,
					ratio(median(result.bird.nodeMs), median(result.floor.nodeMs)),
					NODE_FLOOR_TARGET,
					'max',
				),
			);
	};
	const trigger = (label: string, result?: TriggerResult) => {
		if (!result) return;
		for (const mode of ['sandbox', 'generator'] as const) {
			if (!result[mode].floor?.length) continue;
			const { throughput, p99 } = triggerFloorRatios(result[mode]);
			const how = mode === 'sandbox' ? 'sandbox burst' : `${result.concurrency} in flight`;
			rows.push(
				ratioRow(
					`${label}, ${how}: throughput`,
					throughput,
					TRIGGER_FLOOR_TARGETS.throughput,
					'min',
				),
				ratioRow(`${label}, ${how}: p99 latency`, p99, TRIGGER_FLOOR_TARGETS.p99, 'max'),
			);
		}
	};
	send('Send, node time', results.send);
	if (results.list?.floor)
		rows.push(
			ratioRow(
				`List ${results.list.size.toLocaleString('en')}, node time`,
				ratio(median(results.list.bird.nodeMs), median(results.list.floor.nodeMs)),
				NODE_FLOOR_TARGET,
				'max',
			),
		);
	trigger('Trigger', results.trigger);
	for (const { workers, result } of results.queue?.trigger ?? [])
		trigger(`Queue mode, ${workers} worker${workers === 1 ? '' : 's'}, trigger`, result);
	send('Queue mode, Send on a worker, node time', results.queue?.send);
	return rows;
}

/** e.g. "2 × AMD EPYC, 23.5 GB RAM, Linux 6.18.44". */
export function machineDescription(): string {
	const cpu = cpus();
	return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Linux ${release()}`;
}

/** BENCHMARKS.md: machine facts, versions, each scenario's medians and ratios, then the analysis notes. */
export function markdownReport(results: BenchResults, analysis: string): string {
	const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
	const runRows = [
		['Date', results.startedAt],
		['Machine', results.machine ?? machineDescription()],
		[
			'n8n',
			`${results.n8nVersion} (regular mode, SQLite, executions saved${results.queue ? '; section 5: queue mode, Postgres and Redis' : ''})`,
		],
		['Node', results.nodeVersion],
		['Runs per contender', String(results.runs)],
		['Total time', formatMs(results.durationMs)],
	];
	if (results.load)
		runRows.push(
			[
				'Load average (1, 5, 15 min)',
				`before ${load(results.load.before)}; after ${load(results.load.after)}`,
			],
			[
				'Shared machine',
				`${results.load.otherN8nProcesses} other n8n processes (other engineers' work) were running at the start, on the same cores: absolute times are inflated and noisy; the ratios, measured side by side in the same run, are the figures that count`,
			],
		);
	const sections = [
		'# Benchmarks',
		'',
		'Generated by `npm run bench` (see [bench/](bench/)); do not edit the tables by hand. Every figure is the median of the runs listed, and every comparison is a ratio of contenders measured side by side in the same run, in a rotating order, against the same Bird sandbox (rate limits off) and the same n8n process.',
		'',
		table(['Run', 'Value'], runRows),
	];
	const summary = floorSummary(results);
	if (summary.length)
		sections.push(
			'',
			'## Against the n8n floor',
			'',
			'The floor (bench/floor, test-only, never shipped) is the cheapest trigger and coded action node a community package can be, installed the same way as ours: the honest yardstick, because n8n treats its own Webhook node specially (see section 3). Bird / floor, from the tables below:',
			'',
			table(['Bird / floor', 'Measured', 'Target', ''], summary),
		);
	if (results.send) sections.push('', sendSection(results.send));
	if (results.list) sections.push('', listSection(results.list));
	if (results.trigger) sections.push('', triggerSection(results.trigger));
	if (results.verify) sections.push('', verifySection(results.verify));
	if (results.triggerLegacy) sections.push('', triggerControlSection(results.triggerLegacy));
	if (results.scaling?.length) sections.push('', scalingSection(results.scaling));
	if (results.queue) sections.push('', queueSection(results.queue));
	if (analysis.trim()) sections.push('', analysis.trim());
	return `${sections.join('\n')}\n`;
}

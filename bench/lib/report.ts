import { cpus, release, totalmem } from 'node:os';

import type { ListResult } from '../scenarios/list';
import type { SendResult } from '../scenarios/send';
import type { TriggerResult, TriggerRun } from '../scenarios/trigger';
import type { VerifyResult } from '../scenarios/verify';
import { formatMb, formatMs, formatRatio, median, ratio, verdict } from './stats';

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
}

const table = (header: string[], rows: string[][]) =>
	[
		`| ${header.join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	].join('\n');

const perItemUs = (ms: number, items: number) => (ms * 1000) / items;

function sendSection(send: SendResult): string {
	const bird = median(send.bird.nodeMs);
	const http = median(send.http.nodeMs);
	const raw = median(send.raw.ms);
	return [
		`## 1. Send: ${send.items.toLocaleString('en')} items → Message: Send (text)`,
		'',
		`Items round-robin over ${send.conversations} existing conversations. "Node" is the sending node's own time from n8n's run data; "execution" is the whole workflow (manual trigger, Set, Split Out, send). The raw client sends one request at a time.`,
		'',
		table(
			['Contender', 'Node (median)', 'Execution (median)', 'Runs (node)'],
			[
				[
					'Bird Conversations node',
					formatMs(bird),
					formatMs(median(send.bird.wallMs)),
					send.bird.nodeMs.map(formatMs).join(', '),
				],
				[
					'HTTP Request node',
					formatMs(http),
					formatMs(median(send.http.wallMs)),
					send.http.nodeMs.map(formatMs).join(', '),
				],
				['Raw client, sequential', formatMs(raw), '–', send.raw.ms.map(formatMs).join(', ')],
			],
		),
		'',
		table(
			['Ratio', 'Measured', 'Target', ''],
			[
				[
					'Bird node / HTTP Request node',
					formatRatio(ratio(bird, http)),
					'≤ 1.0×',
					verdict(ratio(bird, http), 1.0, 'max'),
				],
				[
					'Bird node / raw client',
					formatRatio(ratio(bird, raw)),
					'≤ 1.3×',
					verdict(ratio(bird, raw), 1.3, 'max'),
				],
			],
		),
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
	rows.push(['Raw client loop', formatMs(raw), '–', '–', String(median(list.raw.requests))]);
	const ratios = [
		[
			'Bird node / raw client',
			formatRatio(ratio(bird, raw)),
			'≤ 1.3×',
			verdict(ratio(bird, raw), 1.3, 'max'),
		],
	];
	if (list.http) {
		ratios.unshift(
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

function triggerTable(bird: TriggerRun[], webhook: TriggerRun[], events: number): string {
	const med = (runs: TriggerRun[], key: keyof TriggerRun) => median(runs.map((r) => r[key]));
	const row = (name: string, runs: TriggerRun[]) => [
		name,
		runs.map((r) => `${r.completed}/${events}`).join(', '),
		String(runs.reduce((sum, r) => sum + r.duplicates, 0)),
		`${med(runs, 'throughput').toFixed(0)}/s`,
		formatMs(med(runs, 'p50')),
		formatMs(med(runs, 'p99')),
	];
	const throughput = ratio(med(bird, 'throughput'), med(webhook, 'throughput'));
	const p99 = ratio(med(bird, 'p99'), med(webhook, 'p99'));
	const lost = bird.reduce((sum, r) => sum + events - r.completed, 0);
	return [
		table(
			['Contender', 'Executions (per run)', 'Duplicates', 'Throughput (median)', 'p50', 'p99'],
			[row('Bird Conversations Trigger', bird), row('Webhook node', webhook)],
		),
		'',
		table(
			['Ratio', 'Measured', 'Target', ''],
			[
				[
					'Throughput, Bird trigger / Webhook node',
					formatRatio(throughput),
					'≥ 0.95×',
					verdict(throughput, 0.95, 'min'),
				],
				[
					'p99 latency, Bird trigger / Webhook node',
					formatRatio(p99),
					'≤ 1.1×',
					verdict(p99, 1.1, 'max'),
				],
				[
					'Events lost by the Bird trigger (all runs)',
					String(lost),
					'0',
					lost === 0 ? 'met' : 'missed',
				],
			],
		),
	].join('\n');
}

function triggerControlSection(control: TriggerResult): string {
	return [
		'### Control: the same scenario in an n8n with `N8N_EXPRESSION_ENGINE=legacy`',
		'',
		"n8n 2.x evaluates expressions in isolates and takes one from its pool for every webhook request *except* its own Webhook node's (`webhookPhaseNeedsIsolate` in n8n's `live-webhooks.js` skips it only for `n8n-nodes-base.webhook`), then another for the execution. With the legacy engine no isolate is involved, and what remains is the difference between the two nodes themselves:",
		'',
		'Delivered by the sandbox:',
		'',
		triggerTable(control.sandbox.bird, control.sandbox.webhook, control.events),
		'',
		`Load generator, ${control.concurrency} in flight:`,
		'',
		triggerTable(control.generator.bird, control.generator.webhook, control.events),
	].join('\n');
}

function verifySection(verify: VerifyResult): string {
	return [
		'### Cost of verification',
		'',
		`Checking Bird's signature on one ${verify.bodyBytes.toLocaleString('en')}-byte delivery (SHA-256 of the body, HMAC-SHA256, constant-time compare), timed in-process: **${verify.verifyUs.toFixed(1)} µs**; \`JSON.parse\` of the same body, which n8n does for every webhook anyway: ${verify.parseUs.toFixed(1)} µs (ratio ${formatRatio(ratio(verify.verifyUs, verify.parseUs))}).`,
	].join('\n');
}

function triggerSection(trigger: TriggerResult): string {
	return [
		`## 3. Trigger: ${trigger.events.toLocaleString('en')} signed deliveries`,
		'',
		"Incoming WhatsApp messages. The Bird trigger subscribes itself and checks every signature; the Webhook node gets a subscription made by hand and checks nothing. Latency runs from the delivery's start to the end of its execution (n8n's `stoppedAt`), matched by Bird's request ID; throughput is executions per second from the first delivery to the last finished execution.",
		'',
		'### As fast as the sandbox delivers them (all at once, as events happen)',
		'',
		triggerTable(trigger.sandbox.bird, trigger.sandbox.webhook, trigger.events),
		'',
		`### From a load generator, ${trigger.concurrency} requests in flight`,
		'',
		'The same bodies, freshly signed with new request IDs and posted over keep-alive connections.',
		'',
		triggerTable(trigger.generator.bird, trigger.generator.webhook, trigger.events),
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

/** BENCHMARKS.md: machine facts, versions, each scenario's medians and ratios, then the analysis notes. */
export function markdownReport(results: BenchResults, analysis: string): string {
	const cpu = cpus();
	const sections = [
		'# Benchmarks',
		'',
		'Generated by `npm run bench` (see [bench/](bench/)); do not edit the tables by hand. Every figure is the median of the runs listed, and every comparison is a ratio of contenders measured side by side in the same run, in a rotating order, against the same Bird sandbox (rate limits off) and the same n8n process.',
		'',
		table(
			['Run', 'Value'],
			[
				['Date', results.startedAt],
				[
					'Machine',
					`${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Linux ${release()}`,
				],
				['n8n', `${results.n8nVersion} (regular mode, SQLite, executions saved)`],
				['Node', results.nodeVersion],
				['Runs per contender', String(results.runs)],
				['Total time', formatMs(results.durationMs)],
			],
		),
	];
	if (results.send) sections.push('', sendSection(results.send));
	if (results.list) sections.push('', listSection(results.list));
	if (results.trigger) sections.push('', triggerSection(results.trigger));
	if (results.verify) sections.push('', verifySection(results.verify));
	if (results.triggerLegacy) sections.push('', triggerControlSection(results.triggerLegacy));
	if (results.scaling?.length) sections.push('', scalingSection(results.scaling));
	if (analysis.trim()) sections.push('', analysis.trim());
	return `${sections.join('\n')}\n`;
}

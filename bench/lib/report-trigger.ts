import type { TriggerResult, TriggerRun, TriggerRuns } from '../scenarios/trigger';
import type { VerifyResult } from '../scenarios/verify';
import { formatMs, formatRate, formatRatio, median, ratio, ratioRow, table } from './stats';

/** The trigger targets against the floor trigger (bench/floor). */
export const TRIGGER_FLOOR_TARGETS = { throughput: 0.95, p99: 1.1 };

type Measure = 'completed' | 'duplicates' | 'throughput' | 'p50' | 'p99';
const med = (runs: TriggerRun[], key: Measure) => median(runs.map((r) => r[key]));

/** Bird/floor ratios of one measurement, for the tables and the summary; NaN where there is no floor. */
export function triggerFloorRatios(runs: TriggerRuns): { throughput: number; p99: number } {
	const floor = runs.floor ?? [];
	return {
		throughput: ratio(med(runs.bird, 'throughput'), med(floor, 'throughput')),
		p99: ratio(med(runs.bird, 'p99'), med(floor, 'p99')),
	};
}

/**
 * One delivery mode's table (every contender measured) and its ratios: against the floor trigger (the
 * issue's targets) and, where measured, against n8n's Webhook node (the earlier, unreachable yardstick).
 */
export function triggerTable(runs: TriggerRuns, events: number): string {
	const row = (name: string, measured: TriggerRun[]) => [
		name,
		measured.map((r) => `${r.completed}/${events}`).join(', '),
		String(measured.reduce((sum, r) => sum + Math.max(0, events - r.completed), 0)),
		String(measured.reduce((sum, r) => sum + r.duplicates, 0)),
		String(measured.reduce((sum, r) => sum + (r.refusedFirst ?? 0), 0)),
		formatRate(med(measured, 'throughput')),
		formatMs(med(measured, 'p50')),
		formatMs(med(measured, 'p99')),
	];
	const rows = [row('Bird Conversations Trigger (Resolve Conversation off)', runs.bird)];
	if (runs.birdResolve?.length)
		rows.push(
			row(
				'Bird Conversations Trigger, defaults (Resolve Conversation: one API call)',
				runs.birdResolve,
			),
		);
	if (runs.floor?.length) rows.push(row('Floor trigger (no signature check)', runs.floor));
	if (runs.webhook?.length) rows.push(row('Webhook node', runs.webhook));
	const lost = runs.bird.reduce((sum, r) => sum + events - r.completed, 0);
	const ratios: string[][] = [];
	if (runs.floor?.length) {
		const floor = triggerFloorRatios(runs);
		ratios.push(
			ratioRow(
				'Throughput, Bird trigger / floor trigger',
				floor.throughput,
				TRIGGER_FLOOR_TARGETS.throughput,
				'min',
			),
			ratioRow(
				'p99 latency, Bird trigger / floor trigger',
				floor.p99,
				TRIGGER_FLOOR_TARGETS.p99,
				'max',
			),
		);
		if (runs.birdResolve?.length)
			ratios.push([
				'Throughput, Bird trigger with its defaults / floor trigger (one API call more per delivery)',
				formatRatio(ratio(med(runs.birdResolve, 'throughput'), med(runs.floor, 'throughput'))),
				'–',
				'',
			]);
	}
	if (runs.webhook?.length) {
		ratios.push(
			ratioRow(
				'Throughput, Bird trigger / Webhook node',
				ratio(med(runs.bird, 'throughput'), med(runs.webhook, 'throughput')),
				0.95,
				'min',
			),
			ratioRow(
				'p99 latency, Bird trigger / Webhook node',
				ratio(med(runs.bird, 'p99'), med(runs.webhook, 'p99')),
				1.1,
				'max',
			),
		);
	}
	ratios.push([
		'Events lost by the Bird trigger (all runs)',
		String(lost),
		'0',
		lost === 0 ? 'met' : 'missed',
	]);
	return [
		table(
			[
				'Contender',
				'Executions (per run)',
				'Lost',
				'Duplicates',
				'Refused at first',
				'Throughput (median)',
				'p50',
				'p99',
			],
			rows,
		),
		'',
		table(['Ratio', 'Measured', 'Target', ''], ratios),
	].join('\n');
}

export function triggerSection(trigger: TriggerResult): string {
	return [
		`## 3. Trigger: ${trigger.events.toLocaleString('en')} signed deliveries`,
		'',
		"Incoming WhatsApp messages. The Bird trigger subscribes itself and checks every signature. It is measured with Resolve Conversation off, doing the floor's work plus verification, dedupe and shaping (the targets' row), and with its defaults, where Resolve Conversation looks each message's conversation up in Bird before the run starts (one API call per delivery, the price of `conversationId` in the item). The floor trigger (the least a community trigger can do: the body out as it came) and the Webhook node get a subscription made by hand and check nothing. The targets are set against the floor trigger: n8n takes an expression isolate for every webhook request whose start node is not its own Webhook node, so no community trigger can match the Webhook node (see the legacy-engine control, when measured, and the notes at the end). Latency runs from the delivery's start to the end of its execution (n8n's `stoppedAt`), matched by Bird's request ID; throughput is executions per second from the first delivery to the last finished execution. \"Refused at first\" counts deliveries n8n did not answer with a 2xx on the first attempt (all runs): the sandbox retries those after 30 and 60 s, as Bird does, so they arrive late and are lost only if every attempt failed; the load generator does not retry, so there they are lost.",
		'',
		'### As fast as the sandbox delivers them (all at once, as events happen)',
		'',
		triggerTable(trigger.sandbox, trigger.events),
		'',
		`### From a load generator, ${trigger.concurrency} requests in flight`,
		'',
		'The same bodies, freshly signed with new request IDs and posted over keep-alive connections.',
		'',
		triggerTable(trigger.generator, trigger.events),
	].join('\n');
}

export function triggerControlSection(control: TriggerResult): string {
	return [
		'### Control: the same scenario in an n8n with `N8N_EXPRESSION_ENGINE=legacy`',
		'',
		"n8n 2.x evaluates expressions in isolates and takes one from its pool for every webhook request *except* its own Webhook node's (`webhookPhaseNeedsIsolate` in n8n's `live-webhooks.js` skips it only for `n8n-nodes-base.webhook`), then another for the execution. With the legacy engine no isolate is involved, and what remains is the difference between the two nodes themselves:",
		'',
		'Delivered by the sandbox:',
		'',
		triggerTable(control.sandbox, control.events),
		'',
		`Load generator, ${control.concurrency} in flight:`,
		'',
		triggerTable(control.generator, control.events),
	].join('\n');
}

export function verifySection(verify: VerifyResult): string {
	return [
		'### Cost of verification',
		'',
		`Checking Bird's signature on one ${verify.bodyBytes.toLocaleString('en')}-byte delivery (SHA-256 of the body, HMAC-SHA256, constant-time compare), timed in-process: **${verify.verifyUs.toFixed(1)} µs**; \`JSON.parse\` of the same body, which n8n does for every webhook anyway: ${verify.parseUs.toFixed(1)} µs (ratio ${formatRatio(ratio(verify.verifyUs, verify.parseUs))}).`,
	].join('\n');
}

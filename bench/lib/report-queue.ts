import type { QueueResult } from '../scenarios/queue';
import type { SendResult } from '../scenarios/send';
import { triggerTable } from './report-trigger';
import { formatMs, median, ratio, ratioRow, table } from './stats';

/** The Send and List target against the floor node (bench/floor). */
export const NODE_FLOOR_TARGET = 1.1;

/** Send medians in n8n (node time and whole execution) of the contenders measured, and Bird/floor. */
export function sendInN8nTable(send: SendResult): string {
	const rows: string[][] = [];
	const add = (name: string, runs?: { nodeMs: number[]; wallMs: number[] }) => {
		if (runs?.nodeMs.length)
			rows.push([
				name,
				formatMs(median(runs.nodeMs)),
				formatMs(median(runs.wallMs)),
				runs.nodeMs.map(formatMs).join(', '),
			]);
	};
	add('Bird Conversations node', send.bird);
	add('Floor node', send.floor);
	add('HTTP Request node', send.http);
	return table(['Contender', 'Node (median)', 'Execution (median)', 'Runs (node)'], rows);
}

function queueSendSection(send: SendResult): string {
	const bird = median(send.bird.nodeMs);
	const ratios = [];
	if (send.floor)
		ratios.push(
			ratioRow(
				'Bird node / floor node',
				ratio(bird, median(send.floor.nodeMs)),
				NODE_FLOOR_TARGET,
				'max',
			),
		);
	if (send.http)
		ratios.push(
			ratioRow('Bird node / HTTP Request node', ratio(bird, median(send.http.nodeMs)), 1.0, 'max'),
		);
	return [
		`### Send: ${send.items.toLocaleString('en')} items on a worker`,
		'',
		'The same workflows as scenario 1 (Bird and floor), run manually from the main and so offloaded to a worker (`OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS`); one execution runs on one worker.',
		'',
		sendInN8nTable(send),
		'',
		table(['Ratio', 'Measured', 'Target', ''], ratios),
	].join('\n');
}

export function queueSection(queue: QueueResult): string {
	const parts = [
		'## 5. Queue mode: Postgres, Redis, main, workers, one webhook processor',
		'',
		`n8n's production scale-out topology on this machine (\`scripts/lib/n8n/queue.ts\`): Bird's deliveries go to the webhook processor (\`n8n webhook\`), which runs the trigger's \`webhook()\` and queues the execution in Redis; workers (\`n8n worker --concurrency=${queue.concurrency}\`) run it and save it to Postgres. The trigger scenario measures the Bird trigger and the floor trigger side by side, first with every worker up, then with workers stopped. "Per worker" counts the executions each worker's log records starting during that measurement (every mode and contender together). All processes share the same 2 cores, so more workers add concurrency, not CPU.`,
	];
	for (const { workers, result, perWorker } of queue.trigger) {
		const split = Object.entries(perWorker)
			.filter(([, count]) => count > 0)
			.map(([name, count]) => `${name} ${count}`)
			.join(', ');
		parts.push(
			'',
			`### Trigger, ${workers} worker${workers === 1 ? '' : 's'}: ${result.events.toLocaleString('en')} signed deliveries`,
			'',
			`Executions per worker: ${split || 'none recorded in the logs'}.`,
		);
		if (result.sandbox.bird.length)
			parts.push(
				'',
				'Delivered by the sandbox (all at once):',
				'',
				triggerTable(result.sandbox, result.events),
			);
		if (result.generator.bird.length)
			parts.push(
				'',
				`Load generator, ${result.concurrency} in flight:`,
				'',
				triggerTable(result.generator, result.events),
			);
	}
	if (queue.send) parts.push('', queueSendSection(queue.send));
	return parts.join('\n');
}

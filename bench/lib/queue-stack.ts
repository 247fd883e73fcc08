import { readFileSync } from 'node:fs';

import { startQueueStack, type QueueStack } from '../../scripts/lib/n8n';
import { benchStackAround, DEMO, installBoth, startBenchSandbox, type BenchStack } from './stack';

/**
 * The bench in n8n's queue mode (scripts/lib/n8n/queue.ts): Postgres, Redis, a main that takes the API
 * calls and activations, `workers` workers and one webhook processor, which is where deliveries go
 * (`webhookBase`). Manual runs are offloaded to the workers, so Send runs there too. Same sandbox,
 * packages and credentials as the regular bench stack.
 */
export interface BenchQueueStack extends BenchStack {
	queue: QueueStack;
	/** Executions each worker's log records starting since the last call (one read of each log). */
	executionsPerWorker(): Record<string, number>;
}

export async function startBenchQueueStack(
	workers: number,
	concurrency: number,
	n8nEnv: Record<string, string> = {},
): Promise<BenchQueueStack> {
	const { sandbox, requests } = await startBenchSandbox();
	let queue: QueueStack;
	try {
		queue = await startQueueStack({
			workers,
			concurrency,
			secrets: [DEMO.accessKey.secret],
			install: installBoth,
			// The bench stops the stack itself (run.ts's SIGINT handler), then exits.
			stopOnSignals: false,
			env: n8nEnv,
		});
	} catch (error) {
		await sandbox.close();
		throw error;
	}
	const stack = await benchStackAround(
		sandbox,
		requests,
		queue.main,
		queue.webhookUrl,
		async () => {
			await queue.stop();
			await sandbox.close();
		},
	);
	// Log offsets already counted, per worker, so each measurement counts only its own executions.
	const counted = new Map<string, number>();
	return {
		...stack,
		queue,
		executionsPerWorker() {
			const perWorker: Record<string, number> = {};
			for (const worker of queue.workers) {
				let text = '';
				try {
					text = readFileSync(worker.logFile, 'utf8');
				} catch {
					// No log yet: nothing started there.
				}
				const from = counted.get(worker.name) ?? 0;
				perWorker[worker.name] = (
					text.slice(from).match(/Worker started execution \d+/g) ?? []
				).length;
				counted.set(worker.name, text.length);
			}
			return perWorker;
		},
	};
}

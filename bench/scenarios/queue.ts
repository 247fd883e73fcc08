import { startBenchQueueStack } from '../lib/queue-stack';
import { benchSend, type SendResult } from './send';
import { benchTrigger, type TriggerMode, type TriggerResult } from './trigger';

export interface QueueTriggerRun {
	workers: number;
	result: TriggerResult;
	/** Executions each worker's log records starting during this measurement (every mode and contender). */
	perWorker: Record<string, number>;
}

export interface QueueResult {
	/** Jobs each worker runs at once (`n8n worker --concurrency`). */
	concurrency: number;
	trigger: QueueTriggerRun[];
	/** Send over `items` items, run manually and so offloaded to a worker. */
	send?: SendResult;
}

export interface QueueOptions {
	runs: number;
	events: number;
	sendItems: number;
	/** Worker counts to measure the trigger with, e.g. [1, 2]. */
	workers: number[];
	concurrency: number;
	modes: TriggerMode[];
	n8nEnv: Record<string, string>;
	log?: (line: string) => void;
}

/**
 * The trigger and Send scenarios in n8n's queue mode: one stack with the most workers asked for; the
 * trigger (Bird and floor side by side, deliveries to the webhook processor) is measured with every
 * worker up, then with workers stopped one by one down to the smallest count (stopping is quicker than
 * starting another stack); Send runs first, with all workers up (one execution runs on one worker).
 */
export async function benchQueue(options: QueueOptions): Promise<QueueResult> {
	const log = options.log ?? console.log;
	const counts = [...new Set(options.workers)].sort((a, b) => b - a);
	log(`  starting queue mode: Postgres, Redis, main, ${counts[0]} workers, webhook processor`);
	const stack = await startBenchQueueStack(counts[0], options.concurrency, options.n8nEnv);
	for (const line of stack.queue.describe()) log(`    ${line}`);
	const result: QueueResult = { concurrency: options.concurrency, trigger: [] };
	try {
		if (options.sendItems > 0) {
			log(`  queue mode: send ${options.sendItems} items on a worker`);
			// Bird and floor only: the HTTP Request node's run is the longest and carries no target here.
			result.send = await benchSend(stack, options.runs, options.sendItems, log, ['bird', 'floor']);
			const perWorker = stack.executionsPerWorker();
			log(`  send executions per worker: ${JSON.stringify(perWorker)}`);
		}
		for (const workers of counts) {
			for (const worker of stack.queue.workers.slice(workers)) await worker.stop();
			stack.executionsPerWorker();
			log(`  queue mode: trigger with ${workers} worker${workers === 1 ? '' : 's'}`);
			const trigger = await benchTrigger(stack, options.runs, options.events, {
				only: ['bird', 'floor'],
				modes: options.modes,
				log,
			});
			const perWorker = stack.executionsPerWorker();
			log(`  trigger executions per worker: ${JSON.stringify(perWorker)}`);
			result.trigger.push({ workers, result: trigger, perWorker });
		}
	} catch (error) {
		log(stack.queue.webhook.logTail(30));
		for (const worker of stack.queue.workers) log(worker.logTail(20));
		throw error;
	} finally {
		await stack.close().catch(() => undefined);
	}
	result.trigger.sort((a, b) => a.workers - b.workers);
	return result;
}

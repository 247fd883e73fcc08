/**
 * Queue-mode e2e stack: the Bird sandbox in this process plus n8n's queue mode (Postgres, Redis, main,
 * workers, one webhook processor; scripts/lib/n8n/queue.ts), with the same credential and helpers as
 * test/harness/e2e.ts (importWorkflow, inbound, subscriptions, deliverAsBird — aimed at the webhook
 * processor). Usage, one stack per test file:
 *
 *   let q: QueueE2eStack;
 *   beforeAll(async () => { q = await startQueueE2eStack({ workers: 2 }); });
 *   afterAll(() => q?.close());
 *   const id = await q.importWorkflow(workflow);  await q.n8n.client.activateWorkflow(id);
 *   const runs = await q.allExecutions(id);        // every saved execution (public API, all pages)
 *   q.stack.ranOn(runs[0].id)                      // ['worker-2']: which worker's log ran it
 *   q.stack.webhook.kill() / .start()              // crash and bring back the webhook processor
 *   await q.deliveries()                           // the sandbox's delivery log (every attempt)
 *
 * `q.n8n` is the main (its client talks to the editor's REST and the public API).
 */
import { type QueueStack, type QueueStackOptions, startQueueStack } from '../../scripts/lib/n8n';
import type { N8nExecution } from '../../scripts/lib/n8n';
import type { SandboxOptions } from '../../sandbox/server';
import { e2eHelpers, type E2eStack, startBesideSandbox } from './e2e';

export { DEMO, eventually, JOHN } from './e2e';

/** One attempt log of a sandbox webhook delivery (GET /_sandbox/deliveries). */
export interface SandboxDelivery {
	id: string;
	url: string;
	/** HTTP status of the latest attempt (null: no answer). */
	status: number | null;
	attempt: number;
	attempts: { httpStatusCode?: number; error?: string; at: string }[];
	executionStatus: 'pending' | 'succeeded' | 'failed';
	body: { event: string; service: string; payload: Record<string, unknown> };
	headers: Record<string, string>;
}

export interface QueueE2eStack extends Omit<E2eStack, 'close'> {
	stack: QueueStack;
	/** Every saved execution of a workflow (all pages of GET /api/v1/executions). */
	allExecutions(workflowId: string, includeData?: boolean): Promise<N8nExecution[]>;
	/** The sandbox's delivery log. */
	deliveries(): Promise<SandboxDelivery[]>;
	close(): Promise<void>;
}

export async function startQueueE2eStack(
	options: { queue?: QueueStackOptions; sandbox?: SandboxOptions } = {},
): Promise<QueueE2eStack> {
	const { sandbox, started: stack } = await startBesideSandbox(options.sandbox, (secrets) =>
		startQueueStack({ secrets, ...options.queue }),
	);
	const close = async () => {
		await stack.stop();
		await sandbox.close();
	};
	try {
		const helpers = await e2eHelpers(sandbox, stack.main, stack.webhookUrl);
		return {
			sandbox,
			n8n: stack.main,
			stack,
			...helpers,
			async allExecutions(workflowId, includeData = false) {
				const all: N8nExecution[] = [];
				let cursor: string | undefined;
				do {
					const page = await stack.main.client.api<{ data: N8nExecution[]; nextCursor?: string }>(
						'GET',
						`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=${String(includeData)}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
					);
					all.push(...page.data);
					cursor = page.nextCursor ?? undefined;
				} while (cursor);
				return all;
			},
			async deliveries() {
				const response = await fetch(`${sandbox.url}/_sandbox/deliveries`);
				return ((await response.json()) as { results: SandboxDelivery[] }).results;
			},
			close,
		};
	} catch (error) {
		await close();
		throw error;
	}
}

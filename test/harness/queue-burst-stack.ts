/**
 * The stack and waits both queue-mode trigger burst files use (test/queue/trigger-burst.test.ts and
 * trigger-crash.test.ts), each on a fresh stack of its own: main, 2 workers and a webhook processor, the
 * sandbox retrying on a compressed schedule of Bird's documented shape, and one active trigger workflow
 * that replies to each customer message.
 *
 * Bird retries "at increasing intervals over a period of 8 hours" (docs/bird-api.md §7.4, docs/fidelity.md);
 * the schedule here is of the same shape, long enough (≈ 7 min) to outlive a webhook processor's restart
 * on a busy machine.
 */
import type { WorkflowJson } from '../../scripts/lib/workflows';
import { deliveriesOf, repliesTo, REPLY_PREFIX, type Burst } from './queue-burst';
import { DEMO, eventually, type QueueE2eStack, startQueueE2eStack } from './queue';

const RETRY_SCHEDULE = [
	2000, 4000, 8000, 15_000, 30_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000,
];
const WEBHOOK_ID = '5e2d9a41-8c3b-4f70-a6e1-0b9c8d7e6f52';

/** `acknowledge`: the trigger's Acknowledge Delivery option (On Receipt, the default, or After the Run Succeeded). */
const burstWorkflow = (acknowledge: 'onReceipt' | 'afterRun'): WorkflowJson => ({
	name: 'Queue trigger burst',
	nodes: [
		{
			id: 'c4b3a291-7e6d-4c5b-9a8f-1e2d3c4b5a01',
			name: 'Bird Trigger',
			type: 'n8n-nodes-bird-conversations.birdConversationsTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: {
				events: ['message.inbound'],
				platform: 'whatsapp',
				channelId: '',
				options: { acknowledge },
			},
		},
		{
			// The auto-reply, as in the flagship flow: its replies are what the tests count (queue-burst.ts
			// repliesTo), because n8n may save a run without its data ("redacting run" when its database is slow).
			id: 'c4b3a291-7e6d-4c5b-9a8f-1e2d3c4b5a02',
			name: 'Reply',
			type: 'n8n-nodes-bird-conversations.birdConversations',
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'message',
				operation: 'send',
				// John's conversation, where every burst message arrives: not the item's conversationId, which
				// Resolve Conversation may fail to look up on a starved machine (the item then says why).
				conversationId: { __rl: true, mode: 'id', value: DEMO.conversations.johnWhatsapp },
				senderType: 'accessKey',
				senderId: DEMO.accessKey.id,
				messageType: 'text',
				text: `={{ '${REPLY_PREFIX}' + $json.payload.id }}`,
			},
		},
	],
	connections: { 'Bird Trigger': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
});

export interface BurstStack {
	q: QueueE2eStack;
	workflowId: string;
	/** The production URL of the trigger (where Bird delivers): at the load balancer in front of the webhook processor. */
	webhookUrl: string;
}

export async function startBurstStack(
	acknowledge: 'onReceipt' | 'afterRun' = 'onReceipt',
): Promise<BurstStack> {
	const q = await startQueueE2eStack({
		// n8n's default pool of 2 database connections per process runs dry under a burst on a starved
		// machine ("timeout exceeded when trying to connect"); docs/queue-mode.md advises raising it.
		queue: { workers: 2, env: { DB_POSTGRESDB_POOL_SIZE: '10' } },
		// Bird documents no delivery timeout; a generous one keeps a slow machine from turning every
		// delivery into a retry (n8n then reads an aborted body and runs nothing).
		sandbox: { retrySchedule: RETRY_SCHEDULE, deliveryTimeoutMs: 60_000 },
	});
	try {
		const workflowId = await q.importWorkflow(burstWorkflow(acknowledge));
		const webhookUrl = `${q.stack.webhookUrl}webhook/${WEBHOOK_ID}/webhook`;
		await q.n8n.client.activateWorkflow(workflowId);
		return { q, workflowId, webhookUrl };
	} catch (error) {
		await q.close();
		throw error;
	}
}

/**
 * Registers the jest hooks of a burst file: a fresh burst stack before its tests, closed after them, and
 * the processes' log tails printed after a failed test. Call inside the file's describe; read the stack
 * through the getter in the tests.
 */
export function useBurstStack(
	acknowledge: 'onReceipt' | 'afterRun' = 'onReceipt',
): () => BurstStack {
	let b: BurstStack | undefined;
	beforeAll(async () => {
		b = await startBurstStack(acknowledge);
	});
	afterAll(async () => {
		await b?.q.close();
	});
	afterEach(() => printLogsIfFailed(b?.q));
	return () => {
		if (!b) throw new Error('The burst stack did not start (see beforeAll)');
		return b;
	};
}

/** Waits until Bird (the sandbox) has finished with every delivery of the burst: succeeded or given up. */
export function deliveriesSettled({ q, webhookUrl }: BurstStack, burst: Burst, timeoutMs: number) {
	return eventually(
		'every delivery of the burst succeeded or given up',
		() => {
			const list = deliveriesOf(q, burst.ids, webhookUrl);
			return list.length >= burst.ids.length && list.every((d) => d.executionStatus !== 'pending')
				? list
				: undefined;
		},
		timeoutMs,
	);
}

/**
 * The executions of this burst (those not in `baseline`) once the queue is drained: no new execution for
 * a few seconds, none running, every message replied to. A message still unrun, or an execution that never
 * ends (created by a webhook processor killed before it queued it), is waited for one quiet minute,
 * then reported by the assertions rather than waited on until the timeout.
 */
export async function executionsSettled(
	{ q, workflowId }: BurstStack,
	burst: Burst,
	baseline: Set<string>,
	timeoutMs: number,
) {
	let count = -1;
	let changedAt = Date.now();
	return eventually(
		'the burst executed',
		async () => {
			await new Promise((resolve) => setTimeout(resolve, 1000));
			const light = (await q.allExecutions(workflowId)).filter((e) => !baseline.has(e.id));
			if (light.length !== count) {
				count = light.length;
				changedAt = Date.now();
				return undefined;
			}
			const quiet = Date.now() - changedAt;
			const patient = quiet < 60_000;
			if (quiet < 3000 || (patient && light.length < burst.ids.length)) return undefined;
			if (patient && light.some((e) => !e.stoppedAt)) return undefined;
			const all = (await q.allExecutions(workflowId, true)).filter((e) => !baseline.has(e.id));
			return patient && repliesTo(q, burst.ids).lost.length > 0 ? undefined : all;
		},
		timeoutMs,
	);
}

/** After a failed test: the webhook processor's and workers' log tails. */
export function printLogsIfFailed(q: QueueE2eStack | undefined): void {
	const state = expect.getState();
	if (state.assertionCalls !== state.numPassingAsserts && q) {
		console.log(q.stack.webhook.logTail(60));
		for (const worker of q.stack.workers) console.log(worker.logTail(30));
	}
}

export const seconds = (ms: number) => Math.round(ms / 100) / 10;
export const perSecond = (count: number, ms: number) =>
	Math.round((count / Math.max(ms, 1)) * 10_000) / 10;

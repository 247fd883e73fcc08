/**
 * Bursts of real sandbox events through n8n's queue mode: 1,000 customer messages give exactly 1,000
 * executions (each identified by its Bird message ID in the execution data: none lost, none twice), and
 * a webhook processor killed in the middle of a burst loses nothing because Bird retries what it could
 * not deliver. What the crash costs in duplicate runs is counted and reported, not asserted: the
 * trigger's redelivery memory lives in the process that was killed (docs/queue-mode.md).
 *
 * Bird retries "at increasing intervals over a period of 8 hours" (docs/bird-api.md §7.4, docs/fidelity.md);
 * the sandbox here retries on a compressed schedule of the same shape, long enough (≈ 7 min) to outlive a
 * webhook processor's restart on a busy machine.
 */
import type { WorkflowJson } from '../../scripts/lib/workflows';
import {
	deliveriesOf,
	firstAttempt,
	placements,
	reportBurst,
	sendInboundBurst,
	tally,
	type Burst,
} from '../harness/queue-burst';
import { eventually, type QueueE2eStack, startQueueE2eStack } from '../harness/queue';

jest.setTimeout(900_000);

const BURST = 1000;
/** Smaller: every delivery sent while the webhook processor is down comes back as a retry after it. */
const CRASH_BURST = 400;
const RETRY_SCHEDULE = [
	2000, 4000, 8000, 15_000, 30_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000,
];
const WEBHOOK_ID = '5e2d9a41-8c3b-4f70-a6e1-0b9c8d7e6f52';

const burstWorkflow: WorkflowJson = {
	name: 'Queue trigger burst',
	nodes: [
		{
			id: 'c4b3a291-7e6d-4c5b-9a8f-1e2d3c4b5a01',
			name: 'Bird Trigger',
			type: 'n8n-nodes-bird-conversations.birdConversationsTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { events: ['message.inbound'], platform: 'whatsapp', channelId: '', options: {} },
		},
		{
			id: 'c4b3a291-7e6d-4c5b-9a8f-1e2d3c4b5a02',
			name: 'Done',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
			parameters: {},
		},
	],
	connections: { 'Bird Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
};

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const perSecond = (count: number, ms: number) =>
	Math.round((count / Math.max(ms, 1)) * 10_000) / 10;

describe('Bird Conversations Trigger in n8n queue mode: bursts', () => {
	let q: QueueE2eStack;
	let workflowId: string;
	let webhookUrl: string;

	/** Waits until Bird (the sandbox) has finished with every delivery of the burst: succeeded or given up. */
	const deliveriesSettled = (burst: Burst, timeoutMs: number) =>
		eventually(
			'every delivery of the burst succeeded or given up',
			() => {
				const list = deliveriesOf(q, burst.ids, webhookUrl);
				return list.length >= burst.ids.length && list.every((d) => d.executionStatus !== 'pending')
					? list
					: undefined;
			},
			timeoutMs,
		);

	/**
	 * The executions of this burst (those not in `baseline`) once the queue is drained: no new execution for
	 * a few seconds, none running, every message run. A message still unrun, or an execution that never
	 * ends (created by a webhook processor killed before it queued it), is waited for one quiet minute,
	 * then reported by the assertions rather than waited on until the timeout.
	 */
	const executionsSettled = async (burst: Burst, baseline: Set<string>, timeoutMs: number) => {
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
				return patient && tally(all, burst.ids).lost.length > 0 ? undefined : all;
			},
			timeoutMs,
		);
	};

	beforeAll(async () => {
		q = await startQueueE2eStack({
			// n8n's default pool of 2 database connections per process runs dry under a burst on a starved
			// machine ("timeout exceeded when trying to connect"); docs/queue-mode.md advises raising it.
			queue: { workers: 2, env: { DB_POSTGRESDB_POOL_SIZE: '10' } },
			// Bird documents no delivery timeout; a generous one keeps a slow machine from turning every
			// delivery into a retry (n8n then reads an aborted body and runs nothing).
			sandbox: { retrySchedule: RETRY_SCHEDULE, deliveryTimeoutMs: 60_000 },
		});
		workflowId = await q.importWorkflow(burstWorkflow);
		webhookUrl = `${q.stack.webhookUrl}webhook/${WEBHOOK_ID}/webhook`;
		await q.n8n.client.activateWorkflow(workflowId);
	});
	afterAll(async () => {
		await q?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts && q) {
			console.log(q.stack.webhook.logTail(60));
			for (const worker of q.stack.workers) console.log(worker.logTail(30));
		}
	});

	it(`${BURST} customer messages (10 deliveries in flight) give exactly ${BURST} executions: none lost, none twice, all on workers`, async () => {
		const burst = await sendInboundBurst(q, BURST, 'burst', {
			attempted: firstAttempt(q, webhookUrl),
		});
		const deliveries = await deliveriesSettled(burst, 600_000);
		const delivered = Date.now();
		const all = await executionsSettled(burst, new Set(), 600_000);
		const t = tally(all, burst.ids);
		const stops = all.map((e) => Date.parse(e.stoppedAt ?? '')).filter((n) => !Number.isNaN(n));
		const ranOn = placements(q);
		const onWorker = q.stack.workers.map(
			(w) => all.filter((e) => ranOn.get(e.id)?.includes(w.name)).length,
		);
		reportBurst('trigger-burst', {
			messages: BURST,
			executions: t.executions,
			lost: t.lost.length,
			duplicates: t.duplicates,
			unfinished: t.unfinished,
			failed: t.failed,
			retriedDeliveries: deliveries.filter((d) => d.attempts.length > 1).length,
			sendSeconds: seconds(burst.sentAt - burst.startedAt),
			deliveredSeconds: seconds(delivered - burst.startedAt),
			executedSeconds: seconds(Math.max(...stops) - burst.startedAt),
			executionsPerSecond: perSecond(BURST, Math.max(...stops) - burst.startedAt),
			perWorker: Object.fromEntries(q.stack.workers.map((w, i) => [w.name, onWorker[i]])),
		});

		expect(deliveries).toHaveLength(BURST);
		expect(deliveries.filter((d) => d.executionStatus !== 'succeeded')).toEqual([]);
		expect({
			executions: t.executions,
			succeeded: t.succeeded,
			lost: t.lost,
			duplicatedIds: t.duplicatedIds,
			strangers: t.strangers,
		}).toEqual({ executions: BURST, succeeded: BURST, lost: [], duplicatedIds: [], strangers: 0 });
		// Every execution ran on exactly one worker, by the workers' own logs.
		expect(all.filter((e) => ranOn.get(e.id)?.length !== 1).map((e) => e.id)).toEqual([]);
		// …and the harness's own reading agrees for a sample.
		expect(q.stack.ranOn(all[0].id)).toEqual(ranOn.get(all[0].id));
		expect(onWorker.reduce((a, b) => a + b, 0)).toBe(BURST);
	});

	// FOUND (2 December 2026, load 20): right after the 1,000 burst, one run had 18 of 400 messages with only
	// failed executions (33) although every delivery ended 2xx, plus 30 duplicates; a run of this case alone
	// lost nothing (0 duplicates, 266 retried). Not yet explained; a failure here is that finding.
	it('a webhook processor killed and restarted mid-burst: Bird retries the rest, nothing lost, duplicates reported', async () => {
		const before = new Set((await q.allExecutions(workflowId)).map((e) => e.id));
		let crash: Promise<void> | undefined;
		let killedAt = 0;
		let restartedAt = 0;
		const burst = await sendInboundBurst(q, CRASH_BURST, 'crash', {
			attempted: firstAttempt(q, webhookUrl),
			onSent: (sent) => {
				// A third of the way in, once some of this burst has already been taken.
				if (sent !== Math.floor(CRASH_BURST / 3) || crash) return;
				crash = (async () => {
					await q.stack.webhook.kill();
					killedAt = Date.now();
					await q.stack.webhook.start();
					restartedAt = Date.now();
				})();
			},
		});
		await crash;
		const deliveries = await deliveriesSettled(burst, 900_000);
		const all = await executionsSettled(burst, before, 600_000);
		const t = tally(all, burst.ids);
		const refusedWhileDown = deliveries.filter((d) => d.attempts.length > 1);
		reportBurst('trigger-webhook-crash', {
			messages: CRASH_BURST,
			executions: t.executions,
			lost: t.lost.length,
			duplicates: t.duplicates,
			duplicatedMessageIds: t.duplicatedIds,
			unfinished: t.unfinished,
			failed: t.failed,
			retriedDeliveries: refusedWhileDown.length,
			maxAttempts: Math.max(...deliveries.map((d) => d.attempts.length)),
			webhookDownSeconds: seconds(restartedAt - killedAt),
			lastDeliverySeconds: seconds(
				Math.max(...deliveries.map((d) => Date.parse(d.attempts.at(-1)?.at ?? ''))) -
					burst.startedAt,
			),
		});

		expect(killedAt).toBeGreaterThan(0);
		// The crash really hit the burst: Bird had to retry, and every delivery got through in the end.
		expect(refusedWhileDown.length).toBeGreaterThan(0);
		expect(deliveries).toHaveLength(CRASH_BURST);
		expect(deliveries.filter((d) => d.executionStatus !== 'succeeded')).toEqual([]);
		// Nothing lost: every message has a successful execution. Duplicates are in the report above.
		expect(t.lost).toEqual([]);
		expect(t.strangers).toBe(0);
	});
});

/**
 * The Bird Conversations Trigger in n8n's queue mode (main + 2 workers + 1 webhook processor, Postgres,
 * Redis): activation on main creates exactly one Bird subscription per event, at N8N_WEBHOOK_URL (the
 * load balancer in front of the webhook processor); a delivery is taken by the webhook processor and its
 * execution runs on a worker (read from the worker's own log); restarting main neither adds nor drops a
 * subscription; deactivation and 10 activate/deactivate cycles leave none behind. Every subscription
 * check reads the sandbox's state.
 */
import { DEMO, eventually, JOHN, type QueueE2eStack, startQueueE2eStack } from '../harness/queue';
import {
	LIFECYCLE_BIRD_EVENTS as BIRD_EVENTS,
	lifecycleWorkflow,
	subscriptionEvents,
} from '../harness/trigger-workflow';

// A queue-mode stack starts five n8n-side processes on a shared 2-core machine; main restarts twice.
jest.setTimeout(600_000);

const WEBHOOK_ID = '3b0f5c2e-7a41-4c8e-9d6b-2f1e0a9c8b71';
const triggerWorkflow = lifecycleWorkflow('Queue trigger lifecycle', WEBHOOK_ID);

describe('Bird Conversations Trigger in n8n queue mode: subscriptions and placement', () => {
	let q: QueueE2eStack;
	let workflowId: string;
	let webhookUrl: string;

	const ours = () => q.subscriptions().filter((s) => s.url === webhookUrl);
	const ourEvents = () => subscriptionEvents(ours());
	/** Anything in the sandbox pointing at any process of this stack. */
	const anyOfThisStack = () =>
		q
			.subscriptions()
			.filter(
				(s) =>
					s.url.startsWith(q.stack.webhookUrl) ||
					s.url.startsWith(q.stack.webhook.url) ||
					s.url.startsWith(q.n8n.url) ||
					q.stack.workers.some((w) => s.url.startsWith(w.url)),
			);
	const finished = async () => {
		const runs = await q.allExecutions(workflowId);
		return runs.every((e) => e.stoppedAt) ? runs : undefined;
	};
	const settle = () => new Promise((resolve) => setTimeout(resolve, 2000));

	beforeAll(async () => {
		q = await startQueueE2eStack({ queue: { workers: 2 } });
		workflowId = await q.importWorkflow(triggerWorkflow);
		webhookUrl = `${q.stack.webhookUrl}webhook/${WEBHOOK_ID}/webhook`;
	});
	afterAll(async () => {
		await q?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts && q) {
			console.log(q.n8n.logTail(40));
			console.log(q.stack.webhook.logTail(40));
			for (const worker of q.stack.workers) console.log(worker.logTail(20));
		}
	});

	it('activation on main creates exactly one active subscription per event, at N8N_WEBHOOK_URL (the load balancer)', async () => {
		expect(q.stack.webhookUrl).not.toBe(q.n8n.url);
		// The load balancer sends deliveries to the webhook processor, which n8n reports ready.
		expect(q.stack.loadBalancer.ready()).toEqual([q.stack.webhook.url]);
		expect(anyOfThisStack()).toEqual([]);
		await q.n8n.client.activateWorkflow(workflowId);
		expect(ourEvents()).toEqual(BIRD_EVENTS);
		expect(
			ours().every(
				(s) => s.status === 'active' && s.workspaceId === DEMO.workspaceId && s.signingKey,
			),
		).toBe(true);
		// Nothing points at main: with N8N_DISABLE_PRODUCTION_MAIN_PROCESS it would not take the delivery.
		expect(anyOfThisStack()).toEqual(ours());
		const atMain = await fetch(`${q.n8n.url}webhook/${WEBHOOK_ID}/webhook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
		});
		expect(atMain.status).toBe(404);
	});

	it('a customer message reaches the webhook processor, runs on a worker, and the item is the message', async () => {
		const before = (await q.allExecutions(workflowId)).length;
		const { conversation, message } = await q.inbound(
			DEMO.channels.whatsapp,
			'Where is parcel 778?',
			JOHN,
		);
		const runs = await eventually(
			'one new finished execution',
			async () => {
				const list = await finished();
				return list && list.length > before ? list : undefined;
			},
			120_000,
		);
		await settle();
		expect((await q.allExecutions(workflowId)).length).toBe(before + 1);
		const [latest] = runs;

		// Bird called N8N_WEBHOOK_URL (the load balancer, in front of the webhook processor), once, and got 200.
		const delivery = (await q.deliveries()).find(
			(d) => d.body.event === 'whatsapp.inbound' && d.body.payload.id === message.id,
		)!;
		expect(delivery.url).toBe(webhookUrl);
		expect(delivery.attempts.map((a) => a.httpStatusCode)).toEqual([200]);

		// Exactly one worker's log says it ran this execution (main and the webhook processor run none).
		const workers = q.stack.workers.map((w) => w.name);
		const ranOn = await eventually('a worker log naming the execution', () => {
			const names = q.stack.ranOn(latest.id);
			return names.length ? names : undefined;
		});
		expect(ranOn).toHaveLength(1);
		expect(workers).toContain(ranOn[0]);
		expect(q.n8n.logTail(100_000)).not.toContain(`Worker started execution ${latest.id} `);

		const execution = await q.n8n.client.getExecution(latest.id);
		expect(execution.status).toBe('success');
		const runData = execution.data!.resultData.runData;
		expect(Object.keys(runData).sort()).toEqual(['Bird Trigger', 'Done']);
		const [item] = runData['Bird Trigger'][0].data!.main![0]!;
		expect(item.json).toMatchObject({
			event: 'whatsapp.inbound',
			service: 'channels',
			conversationId: conversation.id,
			deliveryId: delivery.headers['messagebird-request-id'],
			payload: {
				id: message.id,
				body: { type: 'text', text: { text: 'Where is parcel 778?' } },
			},
		});
	});

	it('restarting main keeps the same subscriptions, and deliveries still run', async () => {
		const idsBefore = ours()
			.map((s) => s.id)
			.sort();
		await q.stack.main.restart();
		await q.n8n.client.waitForPublication(workflowId, ['published']);
		await settle();
		expect(ourEvents()).toEqual(BIRD_EVENTS);
		expect(
			ours()
				.map((s) => s.id)
				.sort(),
		).toEqual(idsBefore);

		const before = (await q.allExecutions(workflowId)).length;
		await q.inbound(DEMO.channels.whatsapp, 'Still there after the restart?', JOHN);
		await eventually(
			'an execution after the restart',
			async () => {
				const list = await finished();
				return list && list.length === before + 1 ? list : undefined;
			},
			120_000,
		);
		expect(
			ours()
				.map((s) => s.id)
				.sort(),
		).toEqual(idsBefore);
	});

	it('deactivation removes every subscription, and a customer message then starts nothing', async () => {
		await q.n8n.client.deactivateWorkflow(workflowId);
		expect(anyOfThisStack()).toEqual([]);
		const before = (await q.allExecutions(workflowId)).length;
		await q.inbound(DEMO.channels.whatsapp, 'Anyone?', JOHN);
		await settle();
		expect((await q.allExecutions(workflowId)).length).toBe(before);
	});

	it('10 activate/deactivate cycles leave zero orphaned or duplicated subscriptions', async () => {
		for (let cycle = 1; cycle <= 10; cycle++) {
			await q.n8n.client.activateWorkflow(workflowId);
			expect({ cycle, after: 'activate', events: ourEvents() }).toEqual({
				cycle,
				after: 'activate',
				events: BIRD_EVENTS,
			});
			await q.n8n.client.deactivateWorkflow(workflowId);
			expect({ cycle, after: 'deactivate', events: ourEvents() }).toEqual({
				cycle,
				after: 'deactivate',
				events: [],
			});
		}
		expect(anyOfThisStack()).toEqual([]);
	});
});

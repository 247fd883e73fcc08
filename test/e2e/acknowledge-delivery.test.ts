/**
 * The trigger's "Acknowledge Delivery" option in a real n8n, on the sandbox's real deliveries and retries.
 * The workflow replies to each customer message; Bird (the sandbox) fails the reply once, so the first run
 * fails on its own. On receipt (the default), n8n has already answered Bird 200 and the event is gone:
 * one failed run, no reply. After the run succeeded, n8n answers that attempt 500, Bird retries it, and
 * the second run replies: the event is kept, at the price of a second run.
 */
import type { WorkflowJson } from '../../scripts/lib/workflows';
import type { Delivery } from '../../sandbox/records';
import { DEMO, eventually, JOHN, startE2eStack, type E2eStack } from '../harness/e2e';

jest.setTimeout(300_000);

const REPLY = 'acknowledged ';

function replyWorkflow(acknowledge: string, webhookId: string): WorkflowJson {
	return {
		name: `Acknowledge ${acknowledge}`,
		nodes: [
			{
				id: 'b81c6f0e-2d4a-4e8b-9f1c-3a5d7e9b0c01',
				name: 'Bird Trigger',
				type: 'n8n-nodes-bird-conversations.birdConversationsTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: {
					events: ['message.inbound'],
					platform: 'whatsapp',
					channelId: '',
					// No lookup at Bird before the reply: the injected failure must hit the reply.
					resolveConversation: false,
					options: { acknowledge },
				},
			},
			{
				id: 'b81c6f0e-2d4a-4e8b-9f1c-3a5d7e9b0c02',
				name: 'Reply',
				type: 'n8n-nodes-bird-conversations.birdConversations',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'message',
					operation: 'send',
					conversationId: { __rl: true, mode: 'id', value: DEMO.conversations.johnWhatsapp },
					senderType: 'accessKey',
					senderId: DEMO.accessKey.id,
					messageType: 'text',
					text: `={{ '${REPLY}' + $json.payload.id }}`,
					// Bird's 500 ends the run at once instead of after the node's own retries.
					options: { maxRetries: 0 },
				},
			},
		],
		connections: { 'Bird Trigger': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
	};
}

describe('Bird Conversations Trigger: Acknowledge Delivery in a real n8n', () => {
	let stack: E2eStack;

	beforeAll(async () => {
		// Bird's retries "at increasing intervals", compressed (docs/fidelity.md).
		stack = await startE2eStack({ sandbox: { retrySchedule: [1000, 2000, 4000, 8000] } });
	});
	afterAll(async () => {
		await stack?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack.n8n.logTail(40));
	});

	/**
	 * Activates the workflow, makes Bird fail the next request (the reply) with a 500, lets John write once,
	 * and answers the message's settled delivery to the workflow, its runs and the replies sent for it.
	 */
	async function customerWritesWhileBirdFailsOnce(acknowledge: string, webhookId: string) {
		const workflowId = await stack.importWorkflow(replyWorkflow(acknowledge, webhookId));
		const url = `${stack.n8n.url}webhook/${webhookId}/webhook`;
		await stack.n8n.client.activateWorkflow(workflowId);
		try {
			stack.sandbox.context.faults.configure({ failNext: { count: 1, status: 500 } });
			const { message } = await stack.inbound(DEMO.channels.whatsapp, 'Where is my parcel?', JOHN);
			const delivery = await eventually<Delivery>(
				'the delivery settled',
				() =>
					stack.sandbox.context.store.data.deliveries.find(
						(d) => d.url === url && d.body.includes(message.id) && d.executionStatus !== 'pending',
					),
				60_000,
			);
			const runs = await eventually(
				'every run of the delivery ended',
				async () => {
					const list = await stack.n8n.client.listExecutions(workflowId);
					return list.length >= delivery.attempts.filter((a) => a.httpStatusCode).length &&
						list.every((e) => e.stoppedAt)
						? list
						: undefined;
				},
				60_000,
			);
			const replies = stack.sandbox.context.store.data.messages.filter(
				(m) =>
					(m.body as { text?: { text?: string } } | undefined)?.text?.text ===
					`${REPLY}${message.id}`,
			);
			expect(stack.sandbox.context.faults.settings.failNext?.count).toBe(0);
			return { delivery, runs, replies };
		} finally {
			stack.sandbox.context.faults.configure({ failNext: { count: 0, status: 500 } });
			await stack.n8n.client.deactivateWorkflow(workflowId);
		}
	}

	it('On Receipt (the default): n8n answers 200 before the run, so a run that fails loses the event', async () => {
		const { delivery, runs, replies } = await customerWritesWhileBirdFailsOnce(
			'onReceipt',
			'4c0f9a2e-6b1d-4e7a-8c3f-5d2e1b0a9f01',
		);
		expect(delivery.attempts.map((a) => a.httpStatusCode)).toEqual([200]);
		expect(delivery.executionStatus).toBe('succeeded');
		expect(runs.map((e) => e.status)).toEqual(['error']);
		expect(replies).toHaveLength(0);
	});

	it('After the Run Succeeded: the failed run is answered 500, Bird retries, and the retry replies', async () => {
		const { delivery, runs, replies } = await customerWritesWhileBirdFailsOnce(
			'afterRun',
			'4c0f9a2e-6b1d-4e7a-8c3f-5d2e1b0a9f02',
		);
		expect(delivery.attempts.map((a) => a.httpStatusCode)).toEqual([500, 200]);
		expect(delivery.executionStatus).toBe('succeeded');
		expect(runs.map((e) => e.status).sort()).toEqual(['error', 'success']);
		expect(replies).toHaveLength(1);
	});
});

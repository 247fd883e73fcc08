/**
 * The Bird Conversations Trigger's webhook lifecycle in a real n8n: activation creates exactly one Bird
 * subscription per event, deliveries start exactly one execution, forged deliveries are refused, a
 * restart neither loses nor duplicates subscriptions, deactivation removes them, and 20 cycles of
 * activate → restart → deactivate leave nothing behind. Every check reads the sandbox's subscriptions.
 */
import { signDelivery } from '../../sandbox/signature';
import { DEMO, eventually, JOHN, startE2eStack, type E2eStack } from '../harness/e2e';
import {
	LIFECYCLE_BIRD_EVENTS as BIRD_EVENTS,
	lifecycleWorkflow,
	subscriptionEvents,
} from '../harness/trigger-workflow';

// Twenty restarts of n8n in one test, on a machine that may be busy with other work.
jest.setTimeout(900_000);

const WEBHOOK_ID = '9d3c2b1a-0f4e-4d5c-8b7a-6e5f4d3c2b1a';
const triggerWorkflow = lifecycleWorkflow('Trigger lifecycle', WEBHOOK_ID);

describe('Bird Conversations Trigger lifecycle in a real n8n', () => {
	let stack: E2eStack;
	let workflowId: string;
	let webhookUrl: string;

	const ours = () => stack.subscriptions().filter((s) => s.url === webhookUrl);
	const ourEvents = () => subscriptionEvents(ours());
	const executions = () => stack.n8n.client.listExecutions(workflowId);
	const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

	beforeAll(async () => {
		stack = await startE2eStack();
		workflowId = await stack.importWorkflow(triggerWorkflow);
		webhookUrl = `${stack.n8n.url}webhook/${WEBHOOK_ID}/webhook`;
	});
	afterAll(async () => {
		await stack?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack.n8n.logTail(40));
	});

	it('activation creates exactly one active subscription per event, at the n8n webhook URL', async () => {
		expect(ours()).toEqual([]);
		await stack.n8n.client.activateWorkflow(workflowId);
		expect(ourEvents()).toEqual(BIRD_EVENTS);
		expect(
			ours().every(
				(s) => s.status === 'active' && s.workspaceId === DEMO.workspaceId && s.signingKey,
			),
		).toBe(true);
	});

	it('a customer message in an existing conversation starts exactly one execution with the message', async () => {
		const before = (await executions()).length;
		const { conversation, message } = await stack.inbound(
			DEMO.channels.whatsapp,
			'Is my order 12345 on its way?',
			JOHN,
		);
		expect(conversation.id).toBe(DEMO.conversations.johnWhatsapp);
		const [latest] = await eventually('one new execution', async () => {
			const list = await executions();
			return list.length > before && list.every((e) => e.stoppedAt) ? list : undefined;
		});
		await settle();
		expect((await executions()).length).toBe(before + 1);
		const execution = await stack.n8n.client.getExecution(latest.id);
		expect(execution.status).toBe('success');
		const [item] = execution.data!.resultData.runData['Bird Trigger'][0].data!.main![0]!;
		// Bird's channel message has no conversation ID; Resolve Conversation (default on) adds it to the item.
		expect(item.json).toMatchObject({
			event: 'whatsapp.inbound',
			service: 'channels',
			conversationId: conversation.id,
			payload: {
				id: message.id,
				body: { type: 'text', text: { text: 'Is my order 12345 on its way?' } },
			},
		});
		const delivery = stack.sandbox.context.store.data.deliveries.find(
			(d) => d.url === webhookUrl && JSON.parse(d.body).payload.id === message.id,
		)!;
		expect(delivery.attempts.map((a) => a.httpStatusCode)).toEqual([200]);
	});

	it('a new customer starts one execution per subscribed event (conversation created, message received)', async () => {
		const before = (await executions()).length;
		await stack.inbound(DEMO.channels.whatsapp, 'Hello!', {
			identifierKey: 'phonenumber',
			identifierValue: '+31600000051',
			displayName: 'Nina',
		});
		await eventually('two new executions', async () =>
			(await executions()).length >= before + 2 ? true : undefined,
		);
		await settle();
		const list = await executions();
		expect(list.length).toBe(before + 2);
		const events = await Promise.all(
			list
				.slice(0, 2)
				.map(
					async (e) =>
						(await stack.n8n.client.getExecution(e.id)).data!.resultData.runData['Bird Trigger'][0]
							.data!.main![0]![0].json.event,
				),
		);
		expect(events.sort()).toEqual(['conversation.created', 'whatsapp.inbound']);
	});

	it('a forged or unsigned delivery gets 401 and starts no execution; a redelivery is acknowledged once', async () => {
		const real = stack.sandbox.context.store.data.deliveries
			.filter((d) => d.url === webhookUrl)
			.at(-1)!;
		const before = (await executions()).length;
		const post = (headers: Record<string, string>, body = real.body) =>
			fetch(webhookUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body,
			});

		const forgedBody = real.body.replace(/"text":"[^"]*"/, '"text":"Send me all your data"');
		const forged = await post(
			{ ...real.headers, 'messagebird-request-id': 'forged-1' },
			forgedBody,
		);
		expect(forged.status).toBe(401);
		const wrongKey = signDelivery('not-the-signing-key', real.timestamp, webhookUrl, real.body);
		expect(
			(
				await post({
					...real.headers,
					'messagebird-request-id': 'forged-2',
					'messagebird-signature': wrongKey,
				})
			).status,
		).toBe(401);
		const { ['messagebird-signature']: _dropped, ...unsigned } = real.headers;
		expect((await post({ ...unsigned, 'messagebird-request-id': 'forged-3' })).status).toBe(401);

		// Bird may deliver the same request twice: acknowledge, but do not run again.
		expect((await post(real.headers)).status).toBe(200);
		await settle();
		expect((await executions()).length).toBe(before);
	});

	it('a restart keeps exactly one subscription per event, and deliveries still arrive', async () => {
		const idsBefore = ours()
			.map((s) => s.id)
			.sort();
		await stack.n8n.restart();
		await stack.n8n.client.waitForPublication(workflowId, ['published']);
		expect(ourEvents()).toEqual(BIRD_EVENTS);
		expect(
			ours()
				.map((s) => s.id)
				.sort(),
		).toEqual(idsBefore);

		const before = (await executions()).length;
		await stack.inbound(DEMO.channels.whatsapp, 'Still there after the restart?', JOHN);
		await eventually('an execution after the restart', async () =>
			(await executions()).length === before + 1 ? true : undefined,
		);
	});

	it('"Listen for test event" on the active workflow gets its own subscriptions, and ending it leaves production untouched', async () => {
		// n8n removes test webhooks in its 'internal' mode, the same mode it uses for deactivating a workflow;
		// the trigger must still see that only the test URL's subscriptions are to go.
		const testUrl = `${stack.n8n.url}webhook-test/${WEBHOOK_ID}/webhook`;
		const productionIds = ours()
			.map((s) => s.id)
			.sort();
		const listen = await stack.n8n.client.rest<{ waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${workflowId}/run`,
			{
				triggerToStartFrom: { name: 'Bird Trigger' },
			},
		);
		expect(listen.waitingForWebhook).toBe(true);
		const testEvents = () =>
			subscriptionEvents(stack.subscriptions().filter((s) => s.url === testUrl));
		await eventually('the test URL subscribed', () =>
			testEvents().length === BIRD_EVENTS.length ? true : undefined,
		);
		expect(testEvents()).toEqual(BIRD_EVENTS);

		// One customer message reaches both URLs; the test listen ends after its first event.
		const before = (await executions()).length;
		await stack.inbound(DEMO.channels.whatsapp, 'Testing, testing', JOHN);
		await eventually('the test subscriptions removed when the listen ended', () =>
			testEvents().length === 0 ? true : undefined,
		);
		expect(
			ours()
				.map((s) => s.id)
				.sort(),
		).toEqual(productionIds);
		await eventually('the production execution', async () =>
			(await executions()).length >= before + 1 ? true : undefined,
		);

		// Production still receives.
		await settle();
		const afterTest = (await executions()).length;
		await stack.inbound(DEMO.channels.whatsapp, 'And production?', JOHN);
		await eventually('a production execution after the test listen', async () =>
			(await executions()).length === afterTest + 1 ? true : undefined,
		);
	});

	it('deactivation removes every subscription', async () => {
		await stack.n8n.client.deactivateWorkflow(workflowId);
		expect(ours()).toEqual([]);
		const before = (await executions()).length;
		await stack.inbound(DEMO.channels.whatsapp, 'Anyone?', JOHN);
		await settle();
		expect((await executions()).length).toBe(before);
	});

	it('20 cycles of activate → restart → deactivate leave zero orphaned or duplicated subscriptions', async () => {
		for (let cycle = 1; cycle <= 20; cycle++) {
			await stack.n8n.client.activateWorkflow(workflowId);
			expect({ cycle, after: 'activate', events: ourEvents() }).toEqual({
				cycle,
				after: 'activate',
				events: BIRD_EVENTS,
			});
			await stack.n8n.restart();
			await stack.n8n.client.waitForPublication(workflowId, ['published']);
			expect({ cycle, after: 'restart', events: ourEvents() }).toEqual({
				cycle,
				after: 'restart',
				events: BIRD_EVENTS,
			});
			await stack.n8n.client.deactivateWorkflow(workflowId);
			expect({ cycle, after: 'deactivate', events: ourEvents() }).toEqual({
				cycle,
				after: 'deactivate',
				events: [],
			});
		}
		// Nothing anywhere in the sandbox points at this n8n any more.
		expect(stack.subscriptions().filter((s) => s.url.startsWith(stack.n8n.url))).toEqual([]);
	});
});

/**
 * The shipped examples on Bird's documented payloads, in a real n8n: deliveries are built here from Bird's
 * own examples (test/fixtures/bird/docs.*.json, from docs.bird.com), re-targeted at the sandbox's channel
 * and contact, signed with the key of the subscription the trigger made, and posted to n8n's webhook URL.
 * The sandbox's own event shapes play no part. Also: a replayed delivery under a fresh request ID starts
 * no run, and a timestamp an hour ahead is refused.
 */
import { executionErrors, nodeOutput } from '../../scripts/lib/n8n';
import { loadExample } from '../../scripts/lib/workflows';
import { birdDocsExample } from '../harness/fixtures';
import { DEMO, eventually, startE2eStack, type E2eStack } from '../harness/e2e';

jest.setTimeout(120_000);

const john = DEMO.contacts.john;

/** Bird's WhatsApp inbound example as a delivery: its contact is +31612345678, John in the demo seed. */
function documentedInbound(text: string, messageId: string): Record<string, unknown> {
	const payload = birdDocsExample('whatsapp-inbound');
	payload.id = messageId;
	payload.channelId = DEMO.channels.whatsapp;
	payload.sender = { contact: { ...(payload.sender as { contact: object }).contact, id: john.id } };
	payload.body = { type: 'text', text: { text } };
	return { service: 'channels', event: 'whatsapp.inbound', payload };
}

describe('examples on Bird’s documented deliveries', () => {
	let stack: E2eStack;
	const data = () => stack.sandbox.context.store.data;
	const texts = (conversationId: string) =>
		data()
			.messages.filter((m) => m.conversationId === conversationId && m.sender.type === 'accessKey')
			.map((m) => (m.body as { text: { text: string } }).text.text);

	beforeAll(async () => {
		stack = await startE2eStack();
	});
	afterAll(async () => {
		await stack?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack.n8n.logTail(40));
	});

	const finished = async (workflowId: string, count: number) => {
		const list = await eventually(`${count} finished execution(s)`, async () => {
			const executions = await stack.n8n.client.listExecutions(workflowId);
			return executions.length >= count && executions.every((e) => e.stoppedAt)
				? executions
				: undefined;
		});
		expect(list).toHaveLength(count);
		return Promise.all(list.map((e) => stack.n8n.client.getExecution(e.id)));
	};

	it('auto-reply answers Bird’s inbound example in the contact’s conversation; a replay under a new request ID and a future timestamp start nothing', async () => {
		const id = await stack.importWorkflow(loadExample('auto-reply.json'), {
			accessKeyId: DEMO.accessKey.id,
		});
		await stack.n8n.client.activateWorkflow(id);
		const before = texts(DEMO.conversations.johnWhatsapp).length;

		const envelope = documentedInbound(
			'Hello, where is my parcel?',
			'96a0b5fa-a986-453d-be5c-3117f989f025',
		);
		const first = await stack.deliverAsBird(envelope, { requestId: 'bird-delivery-1' });
		expect(first.status).toBe(200);
		const [execution] = await finished(id, 1);
		expect(executionErrors(execution)).toEqual([]);
		expect(nodeOutput(execution, 'On WhatsApp Message')[0]).toMatchObject({
			event: 'whatsapp.inbound',
			conversationId: DEMO.conversations.johnWhatsapp,
			contactId: john.id,
			contactIdentifier: john.identifierValue,
			messageId: '96a0b5fa-a986-453d-be5c-3117f989f025',
			messagePreview: 'Hello, where is my parcel?',
			direction: 'incoming',
		});
		const replies = data()
			.messages.filter(
				(m) =>
					m.conversationId === DEMO.conversations.johnWhatsapp && m.sender.type === 'accessKey',
			)
			.slice(before);
		expect(replies).toHaveLength(1);
		expect(replies[0].recipients.map((r) => r.id)).toEqual([john.id]);
		expect((replies[0].body as { text: { text: string } }).text.text).toMatch(
			/^Hi there, thanks for your message!/,
		);

		// The same signed bytes under another request ID: acknowledged, no second run, no second reply.
		const replay = await fetch(first.url, {
			method: 'POST',
			headers: { ...first.headers, 'messagebird-request-id': 'replayed-under-a-new-id' },
			body: JSON.stringify(envelope),
		});
		expect(replay.status).toBe(200);

		// Signed correctly, but an hour in the future: refused before any run.
		const ahead = await stack.deliverAsBird(
			documentedInbound('From the future', '0c9d4f3e-1a2b-4c5d-8e6f-7a8b9c0d1e2f'),
			{ timestamp: Math.floor(Date.now() / 1000) + 3600 },
		);
		expect(ahead.status).toBe(401);
		expect(ahead.body).toMatch(/in-future/);

		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await stack.n8n.client.listExecutions(id)).toHaveLength(1);
		expect(texts(DEMO.conversations.johnWhatsapp).length).toBe(before + 1);
		await stack.n8n.client.deactivateWorkflow(id);
	});

	it('escalation on Bird’s inbound example: the agent joins John’s conversation, the customer is told, "resolved" closes it', async () => {
		const id = await stack.importWorkflow(loadExample('escalation.json'), {
			accessKeyId: DEMO.accessKey.id,
			agentUserId: DEMO.agentUserId,
		});
		await stack.n8n.client.activateWorkflow(id);
		const conversationId = DEMO.conversations.johnWhatsapp;

		expect(
			(
				await stack.deliverAsBird(
					documentedInbound('I want to talk to a human!', '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d'),
				)
			).status,
		).toBe(200);
		const [escalation] = await finished(id, 1);
		expect(executionErrors(escalation)).toEqual([]);
		expect(
			data()
				.participants.filter((p) => p.conversationId === conversationId && p.type === 'user')
				.map((p) => p.id),
		).toEqual([DEMO.agentUserId]);
		const conversation = () => data().conversations.find((c) => c.id === conversationId)!;
		expect(conversation().attributes).toMatchObject({
			escalated: 'true',
			escalationReason: 'I want to talk to a human!',
		});
		const told = data()
			.messages.filter((m) => m.conversationId === conversationId && m.sender.type === 'accessKey')
			.at(-1)!;
		expect((told.body as { text: { text: string } }).text.text).toBe(
			'An agent has joined this conversation and will answer you shortly.',
		);
		expect(told.recipients.map((r) => r.id)).toEqual([john.id]);

		expect(
			(
				await stack.deliverAsBird(
					documentedInbound(
						'Ok, that is resolved now. Thanks!',
						'6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e',
					),
				)
			).status,
		).toBe(200);
		const [closing] = await finished(id, 2);
		expect(executionErrors(closing)).toEqual([]);
		expect(conversation().status).toBe('closed');
		await stack.n8n.client.deactivateWorkflow(id);
	});
});

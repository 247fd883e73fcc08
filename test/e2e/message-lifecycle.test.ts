/**
 * The message lifecycle in a real n8n: an inbound file arrives as binary data in the execution (Download
 * Media), Statuses = delivered gives one run per delivered message and none for its other status steps, an
 * interaction of the selected type starts a run, and deactivation leaves no subscription at Bird.
 */
import axios from 'axios';

import { executionErrors } from '../../scripts/lib/n8n';
import type { WorkflowJson } from '../../scripts/lib/workflows';
import { birdDocsExample } from '../harness/fixtures';
import { DEMO, eventually, startE2eStack, type E2eStack } from '../harness/e2e';

jest.setTimeout(120_000);

const trigger = (parameters: Record<string, unknown>): WorkflowJson => ({
	name: 'Bird lifecycle',
	nodes: [
		{
			id: 'b1f0c2d3-0000-4000-8000-000000000001',
			name: 'On Bird Event',
			type: 'n8n-nodes-bird-conversations.birdConversationsTrigger',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			webhookId: `7a0b1c2d-3e4f-4a5b-8c6d-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
			parameters: {
				platform: 'whatsapp',
				channelId: '',
				resolveConversation: false,
				options: {},
				...parameters,
			},
			credentials: { birdConversationsApi: { id: '', name: 'Bird Conversations API' } },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
});

describe('message lifecycle in a real n8n', () => {
	let stack: E2eStack;
	const ownSubscriptions = () =>
		stack.subscriptions().filter((s) => s.url.startsWith(`${stack.n8n.url}webhook/`));

	beforeAll(async () => {
		stack = await startE2eStack({ sandbox: { statusProgressionMs: 150 } });
	});
	afterAll(async () => {
		await stack?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack.n8n.logTail(40));
	});

	const finished = async (workflowId: string, count: number) =>
		eventually(`${count} finished execution(s)`, async () => {
			const list = await stack.n8n.client.listExecutions(workflowId);
			return list.length >= count && list.every((e) => e.stoppedAt) ? list : undefined;
		});

	it('Download Media: a customer’s photo (Bird’s inbound example with an image body) is binary data in the execution', async () => {
		const id = await stack.importWorkflow(
			trigger({ events: ['message.inbound'], options: { downloadMedia: true } }),
		);
		await stack.n8n.client.activateWorkflow(id);
		// The file, uploaded the way Bird's pre-signed flow takes it.
		const presigned = await axios.post(
			`${stack.sandbox.url}/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.johnWhatsapp}/presigned-upload`,
			{ contentType: 'image/png' },
			{ headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` } },
		);
		const form = new FormData();
		for (const [name, value] of Object.entries(
			presigned.data.uploadFormData as Record<string, string>,
		))
			form.append(name, value);
		form.append(
			'file',
			new Blob([Buffer.from('\x89PNG broken product photo', 'latin1')], { type: 'image/png' }),
			'photo.png',
		);
		expect((await axios.post(presigned.data.uploadUrl, form)).status).toBe(204);

		const payload: Record<string, unknown> = {
			...birdDocsExample('whatsapp-inbound'),
			channelId: DEMO.channels.whatsapp,
		};
		payload.body = {
			type: 'image',
			image: { images: [{ mediaUrl: presigned.data.mediaUrl, altText: 'Broken product' }] },
		};
		expect(
			(await stack.deliverAsBird({ service: 'channels', event: 'whatsapp.inbound', payload }))
				.status,
		).toBe(200);

		const [summary] = await finished(id, 1);
		const execution = await stack.n8n.client.getExecution(summary.id);
		expect(executionErrors(execution)).toEqual([]);
		const item = (execution.data?.resultData.runData['On Bird Event'][0].data?.main?.[0] ??
			[])[0] as {
			binary?: Record<string, { fileName?: string; mimeType?: string; fileSize?: string }>;
		};
		expect(item.binary?.data).toMatchObject({
			mimeType: 'image/png',
			fileName: expect.any(String),
		});
		await stack.n8n.client.deactivateWorkflow(id);
	});

	it('Statuses = delivered: one run per delivered message, none for accepted, processing or sent', async () => {
		const id = await stack.importWorkflow(
			trigger({ events: ['message.outbound'], statuses: ['delivered'] }),
		);
		await stack.n8n.client.activateWorkflow(id);
		expect(ownSubscriptions().map((s) => s.eventFilters)).toEqual([
			[{ key: 'messageStatus', value: 'delivered' }],
		]);
		for (const text of ['first', 'second']) {
			const sent = await axios.post(
				`${stack.sandbox.url}/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.johnWhatsapp}/messages`,
				{
					participantType: 'accessKey',
					participantId: DEMO.accessKey.id,
					body: { type: 'text', text: { text } },
				},
				{ headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` } },
			);
			expect(sent.status).toBe(201);
		}
		await finished(id, 2);
		// Every status step has happened by now; only the delivered ones reached n8n.
		await eventually(
			'both messages delivered',
			() =>
				stack.sandbox.context.store.data.messages.filter(
					(m) =>
						['first', 'second'].includes(
							(m.body as { text?: { text?: string } })?.text?.text ?? '',
						) && m.status === 'delivered',
				).length === 2,
		);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const executions = await stack.n8n.client.listExecutions(id);
		expect(executions).toHaveLength(2);
		await stack.n8n.client.deactivateWorkflow(id);
		expect(ownSubscriptions()).toEqual([]);
	});

	it('Message Interaction: an opened e-mail starts a run, a click (not selected) does not; deactivation leaves none', async () => {
		const id = await stack.importWorkflow(
			trigger({ events: ['message.interaction'], platform: 'email', interactionTypes: ['opened'] }),
		);
		await stack.n8n.client.activateWorkflow(id);
		const sent = await axios.post(
			`${stack.sandbox.url}/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.janeEmail}/messages`,
			{
				participantType: 'accessKey',
				participantId: DEMO.accessKey.id,
				body: { type: 'text', text: { text: 'Your invoice' } },
			},
			{ headers: { Authorization: `AccessKey ${DEMO.accessKey.secret}` } },
		);
		await axios.post(`${stack.sandbox.url}/_sandbox/messages/${sent.data.id}/interactions`, {
			type: 'clicked',
		});
		await axios.post(`${stack.sandbox.url}/_sandbox/messages/${sent.data.id}/interactions`, {
			type: 'opened',
		});
		const [summary] = await finished(id, 1);
		const execution = await stack.n8n.client.getExecution(summary.id);
		expect(executionErrors(execution)).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await stack.n8n.client.listExecutions(id)).toHaveLength(1);
		await stack.n8n.client.deactivateWorkflow(id);
		expect(ownSubscriptions()).toEqual([]);
	});
});

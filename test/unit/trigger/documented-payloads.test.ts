/**
 * Message Received / Message Sent on Bird's documented channel message (docs/bird-api.md §6): the payload
 * names the contact and the channel, not the conversation, so the trigger resolves the conversation through
 * the participant-conversations endpoint (§4.4). Deliveries are Bird's own examples (test/fixtures/bird/
 * docs.*.json), re-targeted at the demo channel, signed here with the trigger's stored key.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox/server';
import { birdDeliveryHeaders, birdDocsExample } from '../../harness';
import type { DeliveryInput } from '../../harness/trigger-engine';
import { TriggerWorld } from '../../harness/trigger-engine';
import type { Receiver } from '../../harness/trigger-sandbox';
import {
	birdCall,
	DEMO,
	sandboxCredentials,
	startReceiver,
	startTriggerSandbox,
} from '../../harness/trigger-sandbox';

let sb: Sandbox;
let receiver: Receiver;
beforeAll(async () => {
	sb = await startTriggerSandbox();
	receiver = await startReceiver();
});
afterAll(async () => {
	await receiver.close();
	await sb.close();
});
beforeEach(async () => {
	await birdCall(sb, 'POST', '/_sandbox/reset', { seed: 'demo' });
	await birdCall(sb, 'POST', '/_sandbox/faults', { failNext: { count: 0, status: 500 } });
	receiver.requests.length = 0;
});

async function world(
	parameters: IDataObject = {},
	options: IDataObject = {},
): Promise<TriggerWorld> {
	const w = new TriggerWorld({
		parameters: {
			events: ['message.inbound', 'message.outbound'],
			platform: 'whatsapp',
			channelId: '',
			options,
			...parameters,
		} as never,
		credentials: sandboxCredentials(sb),
		publicUrl: receiver.url,
	});
	await w.activate();
	return w;
}

function keyOf(w: TriggerWorld, event: string): string {
	const registrations = w.nodeStaticData().registrations as Record<
		string,
		{ subscriptions: Array<{ event: string; signingKey: string }> }
	>;
	return Object.values(registrations)[0].subscriptions.find((s) => s.event === event)!.signingKey;
}

function delivery(
	w: TriggerWorld,
	envelope: IDataObject,
	headers: { timestamp?: number; requestId?: string } = {},
): DeliveryInput {
	const rawBody = Buffer.from(JSON.stringify(envelope));
	return {
		rawBody,
		headers: birdDeliveryHeaders(
			keyOf(w, String(envelope.event)),
			w.url('production'),
			rawBody,
			headers,
		),
	};
}

/** Bird's WhatsApp inbound example (its contact is +31612345678, John in the demo seed), on the demo channel. */
function whatsappInbound(changes: IDataObject = {}): IDataObject {
	const payload = {
		...birdDocsExample('whatsapp-inbound'),
		channelId: DEMO.channels.whatsapp,
		...changes,
	};
	return { service: 'channels', event: 'whatsapp.inbound', payload };
}

/** An outbound channel message in the shape §6.1 gives for sent messages: connector sends, contacts receive. */
function whatsappOutbound(status = 'delivered'): IDataObject {
	return {
		service: 'channels',
		event: 'whatsapp.outbound',
		payload: {
			id: '3e8bd1c4-5b0a-4f43-9a51-7c2d1e6f8a90',
			channelId: DEMO.channels.whatsapp,
			sender: {
				connector: { id: '86cc4dc0-3dc0-41b7-ac43-8ec829ead56f', identifierValue: '+31970102030' },
			},
			receiver: {
				contacts: [
					{
						id: DEMO.contacts.john.id,
						identifierKey: 'phonenumber',
						identifierValue: DEMO.contacts.john.identifierValue,
						type: 'to',
					},
				],
			},
			body: { type: 'text', text: { text: 'Your parcel is on its way' } },
			status,
			direction: 'outgoing',
			createdAt: '2026-12-01T10:00:00.000Z',
			updatedAt: '2026-12-01T10:00:02.000Z',
		},
	};
}

describe('Resolve Conversation (default on)', () => {
	it('adds the contact’s active conversation on that channel to Bird’s inbound example, keeping the payload as sent', async () => {
		const w = await world();
		const envelope = whatsappInbound();
		const outcome = await w.deliver(delivery(w, envelope, { requestId: 'doc-1' }));
		expect(outcome.httpStatus).toBe(200);
		const [item] = outcome.items;
		expect(item.payload).toEqual(envelope.payload);
		expect(item.conversationId).toBe(DEMO.conversations.johnWhatsapp);
		expect(item.conversation).toMatchObject({
			id: DEMO.conversations.johnWhatsapp,
			status: 'active',
			channelId: DEMO.channels.whatsapp,
		});
		expect(item.conversationError).toBeUndefined();
	});

	it('Simplify on Bird’s inbound example: documented fields plus conversationId', async () => {
		const w = await world({}, { simplify: true });
		const [item] = (await w.deliver(delivery(w, whatsappInbound(), { requestId: 'doc-2' }))).items;
		expect(item).toMatchObject({
			event: 'whatsapp.inbound',
			conversationId: DEMO.conversations.johnWhatsapp,
			channelId: DEMO.channels.whatsapp,
			status: 'delivered',
			contactId: '32cf5eee-f940-422c-ab8c-5f753aad5efd',
			contactIdentifier: '+31612345678',
			messageId: '96a0b5fa-a986-453d-be5c-3117f989f025',
			messagePreview: 'Sample incoming text message',
			direction: 'incoming',
			deliveryId: 'doc-2',
		});
		expect(item.conversation).toMatchObject({ id: DEMO.conversations.johnWhatsapp });
	});

	it('resolves a sent message through its first receiver contact', async () => {
		const w = await world({}, { simplify: true });
		const [item] = (await w.deliver(delivery(w, whatsappOutbound()))).items;
		expect(item).toMatchObject({
			conversationId: DEMO.conversations.johnWhatsapp,
			direction: 'outgoing',
			contactIdentifier: DEMO.contacts.john.identifierValue,
			status: 'delivered',
		});
	});

	it('takes the conversation updated last when the contact has several active ones on the channel', async () => {
		const created = await birdCall(sb, 'POST', `/workspaces/${DEMO.workspaceId}/conversations`, {
			name: 'Second thread',
			channelId: DEMO.channels.whatsapp,
			participants: [{ type: 'contact', id: DEMO.contacts.john.id }],
		});
		expect(created.status).toBe(201);
		const w = await world();
		expect(
			(await w.deliver(delivery(w, whatsappInbound(), { requestId: 'several-1' }))).items[0]
				.conversationId,
		).toBe(created.data.id);
		// A message in the seeded conversation makes it the one updated last.
		await new Promise((resolve) => setTimeout(resolve, 5));
		await birdCall(
			sb,
			'POST',
			`/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.johnWhatsapp}/messages`,
			{
				participantType: 'accessKey',
				participantId: DEMO.accessKey.id,
				body: { type: 'text', text: { text: 'bump' } },
			},
		);
		const again = await w.deliver(
			delivery(w, whatsappInbound({ id: '0f6f4a1e-2b3c-4d5e-8f90-a1b2c3d4e5f6' }), {
				requestId: 'several-2',
			}),
		);
		expect(again.items[0].conversationId).toBe(DEMO.conversations.johnWhatsapp);
	});

	it('keeps the event with conversationError when the contact has no active conversation there, and answers 2xx', async () => {
		const w = await world();
		// Bird's example unchanged: its channel is not one of the sandbox's.
		const envelope = {
			service: 'channels',
			event: 'whatsapp.inbound',
			payload: birdDocsExample('whatsapp-inbound'),
		};
		const outcome = await w.deliver(delivery(w, envelope));
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0].conversationId).toBeUndefined();
		expect(outcome.items[0].conversationError).toMatchObject({
			message: expect.stringContaining('no active conversation of +31612345678'),
		});
	});

	it('retries the lookup once: one failure is absorbed, two give conversationError with Bird’s status, and the event is kept', async () => {
		const w = await world();
		await birdCall(sb, 'POST', '/_sandbox/faults', {
			failNext: { count: 1, status: 503, retryAfter: 0 },
		});
		expect(
			(await w.deliver(delivery(w, whatsappInbound({ id: 'a1' }), { requestId: 'retry-1' })))
				.items[0].conversationId,
		).toBe(DEMO.conversations.johnWhatsapp);

		await birdCall(sb, 'POST', '/_sandbox/faults', {
			failNext: { count: 2, status: 503, retryAfter: 0 },
		});
		const failed = await w.deliver(
			delivery(w, whatsappInbound({ id: 'a2' }), { requestId: 'retry-2' }),
		);
		expect(failed.httpStatus).toBe(200);
		expect(failed.items).toHaveLength(1);
		expect(failed.items[0].conversationError).toMatchObject({ httpCode: '503' });
		// Exactly two attempts: the fault counter is used up, so Bird answers the next call normally.
		expect(
			(
				await birdCall(
					sb,
					'GET',
					`/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.johnWhatsapp}`,
				)
			).status,
		).toBe(200);
	});

	it('says why when the event names no channel (absent, or the nil UUID of a channel-less conversation)', async () => {
		const w = await world();
		for (const channelId of [undefined, '00000000-0000-0000-0000-000000000000']) {
			const [item] = (
				await w.deliver(
					delivery(w, whatsappInbound({ channelId, id: `no-channel-${String(channelId)}` })),
				)
			).items;
			expect(item.conversationError).toEqual({
				message: 'The event names no channel, so its conversation cannot be looked up',
			});
		}
	});

	it('uses a conversation ID the payload carries itself and makes no lookup', async () => {
		const w = await world();
		await birdCall(sb, 'POST', '/_sandbox/faults', { failNext: { count: 5, status: 500 } });
		const [item] = (
			await w.deliver(
				delivery(w, whatsappInbound({ conversationId: DEMO.conversations.johnWhatsapp })),
			)
		).items;
		expect(item.conversationId).toBe(DEMO.conversations.johnWhatsapp);
		expect(item.conversationError).toBeUndefined();
		await birdCall(sb, 'POST', '/_sandbox/faults', { failNext: { count: 0, status: 500 } });
	});

	it('off: the item is the delivery as Bird sent it, without any lookup', async () => {
		const w = await world({ resolveConversation: false });
		await birdCall(sb, 'POST', '/_sandbox/faults', { failNext: { count: 5, status: 500 } });
		const [item] = (await w.deliver(delivery(w, whatsappInbound()))).items;
		expect(Object.keys(item).sort()).toEqual([
			'deliveryId',
			'deliveryTimestamp',
			'event',
			'payload',
			'service',
		]);
	});

	it('a conversation event never triggers the lookup (the conversation is the payload)', async () => {
		const w = await world({ events: ['conversation.created'] });
		const envelope = birdDocsExample('conversation-created.whatsapp');
		const rawBody = Buffer.from(JSON.stringify(envelope));
		const headers = birdDeliveryHeaders(
			keyOf(w, 'conversation.created'),
			w.url('production'),
			rawBody,
		);
		const [item] = (await w.deliver({ rawBody, headers })).items;
		expect(item.conversation).toBeUndefined();
		expect(item.conversationError).toBeUndefined();
	});
});

describe('filters on the documented shape', () => {
	it('Only Incoming: runs for Bird’s inbound example, skips a message the connector sent', async () => {
		const w = await world({}, { onlyIncoming: true });
		expect((await w.deliver(delivery(w, whatsappInbound()))).items).toHaveLength(1);
		const outbound = await w.deliver(delivery(w, whatsappOutbound()));
		expect(outbound.httpStatus).toBe(200);
		expect(outbound.result.workflowData).toBeUndefined();
	});

	it('Only Incoming reads the sender when a payload has no direction field', async () => {
		const w = await world({}, { onlyIncoming: true });
		const inbound = whatsappInbound();
		delete (inbound.payload as IDataObject).direction;
		expect((await w.deliver(delivery(w, inbound))).items).toHaveLength(1);
		const outbound = whatsappOutbound();
		delete (outbound.payload as IDataObject).direction;
		expect((await w.deliver(delivery(w, outbound))).result.workflowData).toBeUndefined();
	});

	it('Ignore Messages From Access Keys does not swallow channel events, which name the connector as sender', async () => {
		const w = await world({}, { ignoreOwnMessages: true });
		expect((await w.deliver(delivery(w, whatsappOutbound()))).items).toHaveLength(1);
	});

	it('Simplify carries Bird’s failure reason for a failed message', async () => {
		const w = await world({}, { simplify: true });
		const failed = whatsappOutbound('delivery_failed');
		(failed.payload as IDataObject).reason = 'The number is not on WhatsApp';
		const [item] = (await w.deliver(delivery(w, failed))).items;
		expect(item).toMatchObject({
			status: 'delivery_failed',
			reason: 'The number is not on WhatsApp',
		});
	});
});

describe('deliveries made by the sandbox in Bird’s shape', () => {
	it('a customer’s first message: the resolved conversation is the one the sandbox created', async () => {
		const w = await world({ events: ['message.inbound'] }, { simplify: true });
		const { data } = await birdCall(
			sb,
			'POST',
			`/_sandbox/channels/${DEMO.channels.whatsapp}/inbound`,
			{
				contact: {
					identifierKey: 'phonenumber',
					identifierValue: '+31600000077',
					displayName: 'Noor',
				},
				text: 'Is this the shop?',
			},
		);
		const [request] = await receiver.waitFor(1);
		const [item] = (await w.deliver({ rawBody: request.rawBody, headers: request.headers })).items;
		expect(item).toMatchObject({
			conversationId: data.conversation.id,
			contactName: 'Noor',
			contactIdentifier: '+31600000077',
			messagePreview: 'Is this the shop?',
		});
	});
});

/**
 * Webhook deliveries (docs/bird-api.md §5, §7.4–§7.5): the events each change fires, with filters, and
 * signatures verified with an implementation written here from docs/bird-api.md §7.5.
 */
import {
	conversationsPath,
	DEMO,
	eventually,
	subscriptionsPath,
	type Receiver,
	type Started,
} from './support';
import { header, signingKey, useWebhookWorld, verify } from './webhookWorld';

let s: Started;
let receiver: Receiver;
const { subscribe, inbound } = useWebhookWorld((started, r) => {
	s = started;
	receiver = r;
});

describe('deliveries', () => {
	it('delivers conversation.created as {service, event, payload} with a signature that verifies per docs/bird-api.md §7.5', async () => {
		const sub = await subscribe({ service: 'conversations', event: 'conversation.created' });
		const created = await s.api.post(conversationsPath, {
			name: 'Signed',
			channelId: DEMO.channels.sms,
		});
		const [request] = await eventually(
			() => (receiver.requests.length ? receiver.requests : undefined),
			'a delivery',
		);
		expect(request.path).toBe('/hook');
		expect(header(request, 'content-type')).toContain('application/json');
		const envelope = JSON.parse(request.rawBody.toString('utf8'));
		expect(envelope).toEqual({
			service: 'conversations',
			event: 'conversation.created',
			payload: expect.objectContaining({ id: created.data.id, name: 'Signed' }),
		});
		expect(envelope.payload.featuredParticipants).toBeDefined();

		const timestamp = header(request, 'messagebird-request-timestamp');
		expect(timestamp).toMatch(/^\d{10}$/);
		expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
		expect(header(request, 'messagebird-request-id')).toMatch(/^[0-9a-f-]{36}$/);
		const signature = header(request, 'messagebird-signature');
		expect(verify(signingKey, sub.url, timestamp, request.rawBody, signature)).toBe(true);

		// Tampering with any input breaks it.
		const tamperedBody = Buffer.from(request.rawBody.toString('utf8').replace('Signed', 'Signet'));
		expect(verify(signingKey, sub.url, timestamp, tamperedBody, signature)).toBe(false);
		expect(verify(signingKey, `${sub.url}/`, timestamp, request.rawBody, signature)).toBe(false);
		expect(
			verify(signingKey, sub.url, String(Number(timestamp) + 1), request.rawBody, signature),
		).toBe(false);
		expect(verify('another-key', sub.url, timestamp, request.rawBody, signature)).toBe(false);
	});

	it('sends no signature header for a subscription without a signing key', async () => {
		await s.api.post(subscriptionsPath, {
			service: 'conversations',
			event: 'conversation.deleted',
			url: `${receiver.url}/unsigned`,
		});
		await s.api.delete(`${conversationsPath}/${DEMO.conversations.janeEmail}`);
		const [request] = await eventually(
			() => (receiver.requests.length ? receiver.requests : undefined),
			'a delivery',
		);
		expect(JSON.parse(request.rawBody.toString()).payload).toMatchObject({
			id: DEMO.conversations.janeEmail,
			status: 'deleted',
		});
		expect(request.headers['messagebird-signature']).toBeUndefined();
		expect(request.headers['messagebird-request-id']).toBeDefined();
	});

	it('fires conversation.updated and <platform>.outbound when a message is sent', async () => {
		await subscribe({ service: 'conversations', event: 'conversation.updated' });
		await subscribe({ service: 'channels', event: 'whatsapp.outbound' });
		await subscribe({ service: 'channels', event: 'sms.outbound' });
		const sent = await s.api.post(
			`${conversationsPath}/${DEMO.conversations.johnWhatsapp}/messages`,
			{
				participantType: 'accessKey',
				participantId: DEMO.accessKey.id,
				body: { type: 'text', text: { text: 'Your parcel left the depot.' } },
			},
		);
		expect(sent.status).toBe(201);
		await eventually(() => receiver.requests.length >= 2, 'two deliveries');
		const events = receiver.requests.map((r) => JSON.parse(r.rawBody.toString()));
		const updated = events.find((e) => e.event === 'conversation.updated');
		expect(updated.payload).toMatchObject({
			id: DEMO.conversations.johnWhatsapp,
			lastMessage: { id: sent.data.id, preview: { text: 'Your parcel left the depot.' } },
		});
		const outbound = events.find((e) => e.event === 'whatsapp.outbound');
		expect(outbound).toMatchObject({
			service: 'channels',
			payload: {
				id: sent.data.id,
				channelId: DEMO.channels.whatsapp,
				direction: 'outgoing',
				status: 'accepted',
				// docs/bird-api.md §6.1: the channel's connector sends, the contacts receive.
				sender: {
					connector: {
						id: expect.any(String),
						identifierValue: '+31970102030',
						annotations: { name: 'WhatsApp support' },
					},
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
				body: { type: 'text', text: { text: 'Your parcel left the depot.' } },
			},
		});
		// The Channels API's message names no conversation (docs/bird-api.md §6.1).
		expect(outbound.payload.conversationId).toBeUndefined();
		expect(outbound.payload.recipients).toBeUndefined();
		expect(events.some((e) => e.event === 'sms.outbound')).toBe(false);
	});

	it('a conversation created with an initial message fires conversation.created with that lastMessage, then sms.outbound, and no conversation.updated', async () => {
		await subscribe({ service: 'conversations', event: 'conversation.created' });
		await subscribe({ service: 'conversations', event: 'conversation.updated' });
		await subscribe({ service: 'channels', event: 'sms.outbound' });
		const created = await s.api.post(conversationsPath, {
			name: 'With a first message',
			channelId: DEMO.channels.sms,
			initialMessage: {
				recipients: [{ type: 'to', identifierKey: 'phonenumber', identifierValue: '+31611122233' }],
				body: { type: 'text', text: { text: 'Welcome!' } },
			},
		});
		expect(created.status).toBe(201);
		// Deliveries are recorded in the order the events fire, whatever order the receiver sees them in.
		const deliveries = await eventually(async () => {
			const results = (await s.api.get('/_sandbox/deliveries')).data.results as Array<{
				event: string;
				body: { payload: Record<string, any> };
			}>;
			return results.length >= 2 ? results : undefined;
		}, 'two deliveries');
		await new Promise((resolve) => setTimeout(resolve, 50));
		const events = (await s.api.get('/_sandbox/deliveries')).data.results.map(
			(d: { event: string }) => d.event,
		);
		// The payload is the conversation (docs/bird-api.md §5) with lastMessage, as in Bird's documented example.
		expect(events).toEqual(['conversation.created', 'sms.outbound']);
		expect(deliveries[0].body.payload).toMatchObject({
			id: created.data.id,
			lastMessage: {
				id: created.data.lastMessage.id,
				type: 'text',
				preview: { text: 'Welcome!' },
				status: 'accepted',
			},
			featuredParticipants: expect.arrayContaining([
				expect.objectContaining({
					type: 'contact',
					contact: expect.objectContaining({ identifierValue: '+31611122233' }),
				}),
			]),
		});
		expect(deliveries[1].body.payload).toMatchObject({
			id: created.data.lastMessage.id,
			direction: 'outgoing',
			receiver: { contacts: [expect.objectContaining({ identifierValue: '+31611122233' })] },
		});

		// A draft initial message is stored but not sent: created only, without lastMessage.
		const drafted = await s.api.post(conversationsPath, {
			name: 'Drafted',
			channelId: DEMO.channels.sms,
			initialMessage: { draft: true, body: { type: 'text', text: { text: 'later' } } },
		});
		expect(drafted.status).toBe(201);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const after = (await s.api.get('/_sandbox/deliveries')).data.results.slice(2) as Array<{
			event: string;
			body: { payload: Record<string, any> };
		}>;
		expect(after.map((d) => d.event)).toEqual(['conversation.created']);
		expect(after[0].body.payload.id).toBe(drafted.data.id);
		expect(after[0].body.payload.lastMessage).toBeUndefined();
	});

	it('simulated inbound: creates contact and conversation, fires conversation.created and whatsapp.inbound', async () => {
		await subscribe({ service: 'conversations', event: 'conversation.created' });
		await subscribe({ service: 'channels', event: 'whatsapp.inbound' });
		const response = await inbound('+31687654321', 'hi');
		expect(response.status).toBe(201);
		expect(response.data.message).toMatchObject({
			source: 'channels',
			status: 'delivered',
			body: { type: 'text', text: { text: 'hi' } },
		});
		await eventually(() => receiver.requests.length >= 2, 'two deliveries');
		const events = receiver.requests.map((r) => JSON.parse(r.rawBody.toString()));
		expect(events.find((e) => e.event === 'conversation.created').payload).toMatchObject({
			id: response.data.conversation.id,
			initiatingParticipant: {
				type: 'contact',
				displayName: 'Tess Ter',
				contact: { identifierValue: '+31687654321' },
			},
			lastMessage: { preview: { text: 'hi' }, status: 'delivered' },
		});
		const inboundEvent = events.find((e) => e.event === 'whatsapp.inbound').payload;
		// docs/bird-api.md §6.1 (Bird's WhatsApp example): the contact sends, the connector receives.
		expect(inboundEvent).toMatchObject({
			id: response.data.message.id,
			channelId: DEMO.channels.whatsapp,
			direction: 'incoming',
			status: 'delivered',
			sender: {
				contact: {
					identifierKey: 'phonenumber',
					identifierValue: '+31687654321',
					platformAddress: '+31687654321',
					annotations: { name: 'Tess Ter' },
				},
			},
			receiver: { connector: { id: expect.any(String) } },
			body: { type: 'text', text: { text: 'hi' } },
		});
		expect(inboundEvent.sender.contact.id).toBe(response.data.message.sender.id);
		expect(inboundEvent.conversationId).toBeUndefined();
		// The contact now exists: a second message continues the same conversation.
		const again = await inbound('+31687654321', 'anyone?');
		expect(again.data.conversation.id).toBe(response.data.conversation.id);
	});

	it('fires conversation.updated on participant and status changes, and conversation.deleted on PATCH status deleted', async () => {
		await subscribe({ service: 'conversations', event: 'conversation.updated' });
		await subscribe({ service: 'conversations', event: 'conversation.deleted' });
		const jane = `${conversationsPath}/${DEMO.conversations.janeEmail}`;
		await s.api.post(`${jane}/participants`, { id: DEMO.agentUserId, type: 'user' });
		await eventually(() => receiver.requests.length >= 1, 'the participant update');
		await s.api.patch(jane, { status: 'closed' });
		await eventually(() => receiver.requests.length >= 2, 'the status update');
		await s.api.patch(jane, { status: 'deleted' });
		await eventually(() => receiver.requests.length >= 3, 'the deletion');
		const events = receiver.requests.map((r) => JSON.parse(r.rawBody.toString()));
		expect(
			events.map((e) => [e.event, e.payload.status, e.payload.activeParticipantCount]),
		).toEqual([
			['conversation.updated', 'active', 3],
			['conversation.updated', 'closed', 3],
			['conversation.deleted', 'deleted', 3],
		]);
	});

	it('ANDs channelId filters, on both services, and skips inactive subscriptions', async () => {
		await subscribe({
			service: 'conversations',
			event: 'conversation.created',
			eventFilters: [{ key: 'channelId', value: DEMO.channels.sms }],
			url: `${receiver.url}/sms-conv`,
		});
		await subscribe({
			service: 'channels',
			event: 'whatsapp.inbound',
			eventFilters: [{ key: 'channelId', value: DEMO.channels.whatsapp }],
			url: `${receiver.url}/wa`,
		});
		// Both filters must match: inbound messages are delivered, never sent, so this one never fires.
		await subscribe({
			service: 'channels',
			event: 'whatsapp.inbound',
			eventFilters: [
				{ key: 'channelId', value: DEMO.channels.whatsapp },
				{ key: 'messageStatus', value: 'sent' },
			],
			url: `${receiver.url}/never`,
		});
		await subscribe({
			service: 'channels',
			event: 'whatsapp.inbound',
			eventFilters: [
				{ key: 'channelId', value: DEMO.channels.whatsapp },
				{ key: 'messageStatus', value: 'delivered' },
			],
			url: `${receiver.url}/wa-delivered`,
		});
		const paused = await subscribe({
			service: 'channels',
			event: 'whatsapp.inbound',
			url: `${receiver.url}/paused`,
		});
		await s.api.patch(`${subscriptionsPath}/${paused.id}`, { status: 'inactive' });

		await inbound('+31611100011', 'on whatsapp');
		await inbound('+31611100012', 'on sms', DEMO.channels.sms);
		await eventually(() => receiver.requests.length >= 3, 'three deliveries');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.requests.map((r) => r.path).sort()).toEqual([
			'/sms-conv',
			'/wa',
			'/wa-delivered',
		]);
	});
});

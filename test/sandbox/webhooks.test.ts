/**
 * Webhook subscriptions and deliveries (docs/bird-api.md §5, §7): CRUD on both path styles, the URL rule, the
 * 5-per-combination limit, events with filters, signatures verified with an implementation written here
 * from docs/bird-api.md §7.5, retries that keep timestamp and request ID, and the logs endpoints.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

import {
	conversationsPath,
	DEMO,
	eventually,
	expectBirdError,
	ORG,
	Receiver,
	start,
	subscriptionsPath,
	WS,
	type ReceivedRequest,
	type Started,
} from './support';

/**
 * docs/bird-api.md §7.5, written independently of the sandbox: base64-decode the header; HMAC-SHA256 keyed with
 * the signing key's bytes over `timestamp \n url \n` followed by the raw 32-byte SHA-256 of the body.
 */
function verify(
	signingKey: string,
	url: string,
	timestamp: string,
	rawBody: Buffer,
	signature: string,
): boolean {
	const bodyDigest = createHash('sha256').update(rawBody).digest();
	const mac = createHmac('sha256', Buffer.from(signingKey, 'utf8'));
	mac.update(Buffer.from(`${timestamp}\n${url}\n`, 'utf8'));
	mac.update(bodyDigest);
	const computed = mac.digest();
	const expected = Buffer.from(signature, 'base64');
	return expected.length === computed.length && timingSafeEqual(expected, computed);
}

let s: Started;
let receiver: Receiver;
beforeAll(async () => {
	s = await start({ retrySchedule: [40, 80, 120] });
	receiver = await receiver_();
});
afterAll(async () => {
	await s.sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
	receiver.requests.length = 0;
	receiver.statuses.length = 0;
});

async function receiver_() {
	return new Receiver().listen();
}

const signingKey = 'KeV+/HGoIQrxuE5YPCRR6AuQOJveldYNNhbVi1i22qk=';

async function subscribe(body: Record<string, unknown>) {
	const response = await s.api.post(subscriptionsPath, {
		url: `${receiver.url}/hook`,
		signingKey,
		...body,
	});
	expect(response.status).toBe(201);
	return response.data as { id: string; url: string };
}

const header = (r: ReceivedRequest, name: string) => String(r.headers[name]);
const inbound = (
	identifierValue: string,
	text: string,
	channelId: string = DEMO.channels.whatsapp,
) =>
	s.api.post(`/_sandbox/channels/${channelId}/inbound`, {
		contact: { identifierKey: 'phonenumber', identifierValue, displayName: 'Tess Ter' },
		text,
	});

describe('subscriptions CRUD', () => {
	it('creates the documented example and reads it back on both the organization and the older workspace path', async () => {
		const body = {
			service: 'channels',
			event: 'sms.outbound',
			eventFilters: [{ key: 'channelId', value: DEMO.channels.sms }],
			template: 'text',
			url: 'https://example.com/webhook',
			signingKey,
		};
		const created = await s.api.post(subscriptionsPath, body);
		expect(created.status).toBe(201);
		expect(created.data).toMatchObject({
			organizationId: ORG,
			workspaceId: WS,
			service: 'channels',
			event: 'sms.outbound',
			eventFilters: body.eventFilters,
			template: 'text',
			url: 'https://example.com/webhook',
			status: 'active',
		});
		expect(created.data.signingKey).toBeUndefined();
		const id = created.data.id;

		expect((await s.api.get(`${subscriptionsPath}/${id}`)).data.id).toBe(id);
		expect((await s.api.get(`/workspaces/${WS}/webhook-subscriptions/${id}`)).data.id).toBe(id);
		const list = await s.api.get(subscriptionsPath, {
			params: { 'SearchFilter[service]': 'channels' },
		});
		expect(list.data.results.map((x: { id: string }) => x.id)).toEqual([id]);
		expect(
			(
				await s.api.get(subscriptionsPath, {
					params: { 'SearchFilters[service]': 'conversations' },
				})
			).data.results,
		).toEqual([]);

		const paused = await s.api.patch(`${subscriptionsPath}/${id}`, { status: 'inactive' });
		expect(paused.status).toBe(200);
		expect(paused.data.status).toBe('inactive');
		const moved = await s.api.patch(`/workspaces/${WS}/webhook-subscriptions/${id}`, {
			url: 'https://webhook.another-example.com/68be485e-5faa-4363-8033-2e3d236830db',
		});
		expect(moved.status).toBe(200);
		expect(moved.data.url).toBe(
			'https://webhook.another-example.com/68be485e-5faa-4363-8033-2e3d236830db',
		);
		// Bird's own update example uses `https://webhook.another-example-url/...`, whose last label has hyphens
		// and so fails Bird's documented URL pattern; the sandbox follows the pattern.
		const docExample = await s.api.patch(`${subscriptionsPath}/${id}`, {
			url: 'https://webhook.another-example-url/68be485e-5faa-4363-8033-2e3d236830db',
		});
		expectBirdError(docExample, 422, 'InvalidPayload');

		expect((await s.api.delete(`${subscriptionsPath}/${id}`)).status).toBe(204);
		expectBirdError(await s.api.get(`${subscriptionsPath}/${id}`), 404, 'ResourceNotFound');
		expectBirdError(
			await s.api.delete(`/workspaces/${WS}/webhook-subscriptions/${id}`),
			404,
			'ResourceNotFound',
		);
	});

	it('enforces Bird’s URL pattern; local URLs only pass when allowLocalWebhookUrls is on', async () => {
		for (const url of [
			'http://example.com/hook',
			'https://10.0.0.1/hook',
			'https://localhost/hook',
			'https://example.com:8443/hook',
		]) {
			const response = await s.api.post(subscriptionsPath, {
				service: 'conversations',
				event: 'conversation.created',
				url,
			});
			expectBirdError(response, 422, 'InvalidPayload');
			expect(response.data.details['.url']).toBeDefined();
		}
		expect(
			(
				await s.api.post(subscriptionsPath, {
					service: 'conversations',
					event: 'conversation.created',
					url: 'http://localhost:5678/webhook/x',
				})
			).status,
		).toBe(201);

		const strict = await start({ allowLocalWebhookUrls: false });
		try {
			const response = await strict.api.post(subscriptionsPath, {
				service: 'conversations',
				event: 'conversation.created',
				url: 'http://127.0.0.1:5678/webhook/x',
			});
			expectBirdError(response, 422, 'InvalidPayload');
		} finally {
			await strict.sandbox.close();
		}
	});

	it('validates service and required fields (422 with paths)', async () => {
		const response = await s.api.post(subscriptionsPath, {
			service: 'pigeons',
			url: 'https://example.com/x',
		});
		expectBirdError(response, 422, 'InvalidPayload');
		expect(response.data.details['.service']).toBeDefined();
		expect(response.data.details['.event']).toBeDefined();
	});

	it('rejects events and filters the service does not know (422), like Bird’s "not processable"', async () => {
		const wrongEvent = await s.api.post(subscriptionsPath, {
			service: 'conversations',
			event: 'conversation.message.created',
			url: 'https://example.com/x',
		});
		expectBirdError(wrongEvent, 422, 'InvalidPayload');
		expect(wrongEvent.data.details['.event'][0]).toContain('conversation.created');
		const wrongFilter = await s.api.post(subscriptionsPath, {
			service: 'conversations',
			event: 'conversation.updated',
			eventFilters: [{ key: 'messageStatus', value: 'sent' }],
			url: 'https://example.com/x',
		});
		expectBirdError(wrongFilter, 422, 'InvalidPayload');
		expect(wrongFilter.data.details['.eventFilters[0].key']).toEqual(['Must be one of: channelId']);
		const twoChannels = await s.api.post(subscriptionsPath, {
			service: 'channels',
			event: 'whatsapp.inbound',
			eventFilters: [
				{ key: 'channelId', value: DEMO.channels.whatsapp },
				{ key: 'channelId', value: DEMO.channels.sms },
			],
			url: 'https://example.com/x',
		});
		expectBirdError(twoChannels, 422, 'InvalidPayload');
		expect(twoChannels.data.details['.eventFilters']).toBeDefined();
	});

	it('allows at most 5 subscriptions per identical service, event and filters combination', async () => {
		const combination = {
			service: 'conversations',
			event: 'conversation.created',
			eventFilters: [{ key: 'channelId', value: DEMO.channels.sms }],
		};
		for (let i = 0; i < 5; i++)
			await subscribe({ ...combination, url: `https://example.com/hook/${i}` });
		const sixth = await s.api.post(subscriptionsPath, {
			...combination,
			url: 'https://example.com/hook/6',
		});
		expectBirdError(sixth, 422, 'SubscriptionLimitReached');
		// A different filter value, or no filter, is another combination.
		await subscribe({
			...combination,
			eventFilters: [{ key: 'channelId', value: DEMO.channels.whatsapp }],
			url: 'https://example.com/other',
		});
		await subscribe({
			service: 'conversations',
			event: 'conversation.created',
			url: 'https://example.com/nofilter',
		});
		// Deleting one frees a slot.
		const ids = (await s.api.get(subscriptionsPath, { params: { limit: 100 } })).data.results.map(
			(x: { id: string }) => x.id,
		);
		await s.api.delete(`${subscriptionsPath}/${ids[0]}`);
		expect(
			(await s.api.post(subscriptionsPath, { ...combination, url: 'https://example.com/hook/6' }))
				.status,
		).toBe(201);
	});
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

	it('retries a failing endpoint on the schedule with the same timestamp, request ID and signature; logs every attempt', async () => {
		const sub = await subscribe({ service: 'conversations', event: 'conversation.created' });
		receiver.statuses.push(500, 503);
		await s.api.post(conversationsPath, { name: 'Retry me', channelId: DEMO.channels.sms });
		await eventually(() => receiver.requests.length >= 3, 'three attempts');
		// The schedule is [40, 80, 120]: retry n waits at least schedule[n-1] after attempt n was answered, so
		// the gaps seen here are at least 40 and 80 ms (minus a little clock granularity). Only lower bounds:
		// a loaded machine makes gaps longer, never shorter. A sandbox that reused the first delay for every
		// retry would show a second gap near 40 ms and fail.
		const gaps = receiver.requests.slice(1).map((r, i) => r.at - receiver.requests[i].at);
		expect(gaps[0]).toBeGreaterThanOrEqual(40 - 5);
		expect(gaps[1]).toBeGreaterThanOrEqual(80 - 5);
		const [first, ...rest] = receiver.requests;
		for (const retry of rest) {
			expect(header(retry, 'messagebird-request-timestamp')).toBe(
				header(first, 'messagebird-request-timestamp'),
			);
			expect(header(retry, 'messagebird-request-id')).toBe(header(first, 'messagebird-request-id'));
			expect(header(retry, 'messagebird-signature')).toBe(header(first, 'messagebird-signature'));
			expect(retry.rawBody.equals(first.rawBody)).toBe(true);
		}
		const requestId = header(first, 'messagebird-request-id');

		const logs = await eventually(async () => {
			const r = await s.api.get(`${subscriptionsPath}/${sub.id}/logs`);
			return r.data.results[0]?.executionStatus === 'succeeded' ? r : undefined;
		}, 'a succeeded log');
		expect(logs.data.results).toEqual([
			{
				requestId,
				attemptCount: 3,
				httpStatusCode: 200,
				executionStatus: 'succeeded',
				createdAt: expect.any(String),
			},
		]);

		const details = await s.api.get(`${subscriptionsPath}/${sub.id}/logs/details`, {
			params: { requestId },
		});
		expect(details.status).toBe(200);
		expect(
			details.data.results.map((a: { attempt: number; httpStatusCode: number }) => [
				a.attempt,
				a.httpStatusCode,
			]),
		).toEqual([
			[1, 500],
			[2, 503],
			[3, 200],
		]);
		expectBirdError(
			await s.api.get(`${subscriptionsPath}/${sub.id}/logs/details`, {
				params: { requestId: 'nope' },
			}),
			404,
			'ResourceNotFound',
		);
		// The older path serves the logs too.
		expect(
			(await s.api.get(`/workspaces/${WS}/webhook-subscriptions/${sub.id}/logs`)).data.results,
		).toHaveLength(1);

		const all = (await s.api.get('/_sandbox/deliveries')).data.results;
		expect(all).toHaveLength(1);
		expect(all[0]).toMatchObject({
			requestId,
			subscriptionId: sub.id,
			url: sub.url,
			executionStatus: 'succeeded',
			status: 200,
			attempt: 3,
			body: { event: 'conversation.created' },
		});
		expect(all[0].rawBody).toBe(first.rawBody.toString('utf8'));
		expect(all[0].attempts.map((a: { httpStatusCode: number }) => a.httpStatusCode)).toEqual([
			500, 503, 200,
		]);
		expect(all[0].headers['messagebird-signature']).toBe(header(first, 'messagebird-signature'));
	});

	it('gives up after the last scheduled retry and marks the delivery failed (connection errors count too)', async () => {
		const dead = await s.api.post(subscriptionsPath, {
			service: 'conversations',
			event: 'conversation.created',
			url: 'http://127.0.0.1:9/nothing-listens-here',
		});
		expect(dead.status).toBe(201);
		await s.api.post(conversationsPath, { name: 'Nobody home', channelId: DEMO.channels.sms });
		const logs = await eventually(async () => {
			const r = await s.api.get(`${subscriptionsPath}/${dead.data.id}/logs`, {
				params: { executionStatus: 'failed' },
			});
			return r.data.results.length ? r : undefined;
		}, 'a failed log');
		// One first attempt plus the three retries of the schedule.
		expect(logs.data.results[0]).toMatchObject({
			attemptCount: 4,
			httpStatusCode: 0,
			executionStatus: 'failed',
		});
	});

	it('a reset cancels the retries still scheduled for the old world', async () => {
		await subscribe({ service: 'conversations', event: 'conversation.created' });
		receiver.statuses.push(500);
		await s.api.post(conversationsPath, { name: 'Before reset', channelId: DEMO.channels.sms });
		await eventually(() => receiver.requests.length >= 1, 'the first attempt');
		await new Promise((resolve) => setTimeout(resolve, 5));
		await s.api.post('/_sandbox/reset', { seed: 'demo' });
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(receiver.requests).toHaveLength(1);
		expect((await s.api.get('/_sandbox/deliveries')).data.results).toEqual([]);
	});

	it('the signing keys are visible to tests under /_sandbox only', async () => {
		await subscribe({ service: 'conversations', event: 'conversation.created' });
		const all = await s.api.get('/_sandbox/webhook-subscriptions');
		expect(all.data.results[0].signingKey).toBe(signingKey);
	});
});

describe('delivery timeouts', () => {
	it('an endpoint that does not answer in time is retried like a non-2xx', async () => {
		const quick = await start({ retrySchedule: [30], deliveryTimeoutMs: 100 });
		const slow = await new Receiver().listen();
		try {
			slow.statuses.push(0);
			const sub = await quick.api.post(subscriptionsPath, {
				service: 'conversations',
				event: 'conversation.created',
				url: `${slow.url}/slow`,
			});
			await quick.api.post(conversationsPath, { name: 'Timeout', channelId: DEMO.channels.sms });
			const logs = await eventually(async () => {
				const r = await quick.api.get(`${subscriptionsPath}/${sub.data.id}/logs`);
				return r.data.results[0]?.executionStatus === 'succeeded' ? r.data.results[0] : undefined;
			}, 'the retry to succeed');
			expect(logs).toMatchObject({ attemptCount: 2, httpStatusCode: 200 });
			const details = await quick.api.get(`${subscriptionsPath}/${sub.data.id}/logs/details`, {
				params: { requestId: logs.requestId },
			});
			expect(details.data.results[0]).toMatchObject({
				attempt: 1,
				httpStatusCode: 0,
				error: expect.stringMatching(/timeout/i),
			});
		} finally {
			await quick.sandbox.close();
			await slow.close();
		}
	});
});

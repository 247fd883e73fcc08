/**
 * Bird Conversations Trigger: what happens to each delivery, through n8n-core's WebhookContext.
 * Real deliveries come from the Bird sandbox (signed by its own implementation of docs/bird-api.md §7.5 with the
 * key the trigger registered); forged, tampered and replayed ones are built here from them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox/server';
import { birdFixture, birdSignature as sign } from '../../harness';
import type { DeliveryInput, TriggerMode } from '../../harness/trigger-engine';
import { TriggerWorld } from '../../harness/trigger-engine';
import type { Receiver } from '../../harness/trigger-sandbox';
import {
	birdCall,
	DEMO,
	NEW_CONTACT,
	sandboxCredentials,
	simulateInbound,
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
	receiver.requests.length = 0;
});

const EVENTS = ['conversation.created', 'conversation.updated', 'message.inbound'];

async function activeWorld(options: IDataObject = {}, events = EVENTS): Promise<TriggerWorld> {
	const w = new TriggerWorld({
		parameters: { events, platform: 'whatsapp', channelId: '', options } as never,
		credentials: sandboxCredentials(sb),
		publicUrl: receiver.url,
	});
	await w.activate();
	return w;
}

interface StoredSubscription {
	event: string;
	signingKey: string;
}

function keyFor(w: TriggerWorld, event: string, mode: TriggerMode = 'production'): string {
	const registrations = w.nodeStaticData().registrations as Record<
		string,
		{ subscriptions: StoredSubscription[] }
	>;
	const found = registrations[w.url(mode)].subscriptions.find((s) => s.event === event);
	if (!found) throw new Error(`No stored subscription for ${event}`);
	return found.signingKey;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
let requestCounter = 0;

/** A delivery as Bird would send it for `envelope`, signed with the stored key of its event. */
function signed(
	w: TriggerWorld,
	envelope: IDataObject,
	changes: {
		key?: string;
		url?: string;
		timestamp?: number;
		requestId?: string;
		mode?: TriggerMode;
	} = {},
): DeliveryInput {
	const rawBody = Buffer.from(JSON.stringify(envelope));
	const timestamp = String(changes.timestamp ?? nowSeconds());
	const key = changes.key ?? keyFor(w, String(envelope.event), changes.mode);
	return {
		rawBody,
		headers: {
			'messagebird-signature': sign(
				key,
				timestamp,
				changes.url ?? w.url(changes.mode ?? 'production'),
				rawBody,
			),
			'messagebird-request-timestamp': timestamp,
			'messagebird-request-id': changes.requestId ?? `req-${++requestCounter}-${Date.now()}`,
		},
	};
}

const asDelivery = (request: {
	rawBody: Buffer;
	headers: Record<string, string>;
}): DeliveryInput => ({ rawBody: request.rawBody, headers: request.headers });

describe('deliveries made by the sandbox', () => {
	it('turns each signed delivery into one item with event, service, payload, delivery ID and timestamp', async () => {
		const w = await activeWorld();
		const { conversation, message } = await simulateInbound(
			sb,
			DEMO.channels.whatsapp,
			'Where is my parcel?',
			NEW_CONTACT,
		);
		// A new contact's first WhatsApp message: conversation.created, and the channel's whatsapp.inbound.
		const requests = await receiver.waitFor(2);
		expect(requests.every((r) => r.path === new URL(w.url('production')).pathname)).toBe(true);

		const byEvent: Record<string, IDataObject> = {};
		for (const request of requests) {
			const outcome = await w.deliver(asDelivery(request));
			expect(outcome.httpStatus).toBe(200);
			expect(outcome.items).toHaveLength(1);
			const [item] = outcome.items;
			expect(item.deliveryId).toBe(request.headers['messagebird-request-id']);
			expect(item.deliveryTimestamp).toBe(request.headers['messagebird-request-timestamp']);
			expect(item.payload).toEqual(JSON.parse(request.rawBody.toString()).payload);
			byEvent[String(item.event)] = item;
		}
		expect(Object.keys(byEvent).sort()).toEqual(['conversation.created', 'whatsapp.inbound']);
		expect(byEvent['conversation.created'].service).toBe('conversations');
		expect((byEvent['conversation.created'].payload as IDataObject).id).toBe(conversation.id);
		expect(byEvent['whatsapp.inbound'].service).toBe('channels');
		expect((byEvent['whatsapp.inbound'].payload as IDataObject).id).toBe(message.id);
	});

	it('starts no second run for a redelivery (same messagebird-request-id) and acknowledges it with 200', async () => {
		const w = await activeWorld({}, ['message.inbound']);
		await simulateInbound(sb, DEMO.channels.whatsapp, 'hello');
		const [request] = await receiver.waitFor(1);

		const first = await w.deliver(asDelivery(request));
		expect(first.items).toHaveLength(1);
		const again = await w.deliver(asDelivery(request));
		expect(again.items).toEqual([]);
		expect(again.result.workflowData).toBeUndefined();
		expect(again.httpStatus).toBe(200);
		expect(again.response.ended).toBe(true);
	});

	it('starts no second run for a captured delivery re-posted under a fresh messagebird-request-id', async () => {
		const w = await activeWorld({}, ['message.inbound']);
		await simulateInbound(sb, DEMO.channels.whatsapp, 'hello');
		const [request] = await receiver.waitFor(1);
		expect((await w.deliver(asDelivery(request))).items).toHaveLength(1);

		// The signature does not cover the request ID, so an attacker (or a proxy) can change it freely.
		const replay = await w.deliver({
			...asDelivery(request),
			headers: { ...request.headers, 'messagebird-request-id': 'fresh-id-1' },
		});
		expect(replay.items).toEqual([]);
		expect(replay.httpStatus).toBe(200);
		// Nor with no request ID at all, nor with the same signature spelled with base64 padding noise.
		const noId = { ...request.headers };
		delete noId['messagebird-request-id'];
		expect((await w.deliver({ ...asDelivery(request), headers: noId })).items).toEqual([]);
		const respelled = {
			...request.headers,
			'messagebird-signature': ` ${request.headers['messagebird-signature']}`,
			'messagebird-request-id': 'fresh-id-2',
		};
		expect((await w.deliver({ ...asDelivery(request), headers: respelled })).items).toEqual([]);
	});

	it('a new event with the same body and timestamp but its own signature (another subscription) still runs', async () => {
		const w = await activeWorld({}, ['message.inbound']);
		const envelope = {
			service: 'channels',
			event: 'whatsapp.inbound',
			payload: { id: 'same-body', channelId: DEMO.channels.whatsapp, direction: 'incoming' },
		};
		const timestamp = nowSeconds();
		expect((await w.deliver(signed(w, envelope, { timestamp }))).items).toHaveLength(1);
		// The same bytes for the test URL are signed over another URL: a different delivery.
		const test = new TriggerWorld({
			parameters: { events: ['message.inbound'], platform: 'whatsapp', channelId: '' } as never,
			credentials: sandboxCredentials(sb),
			publicUrl: receiver.url,
			staticData: w.savedStaticData(),
		});
		await test.activate('test');
		expect(
			(await test.deliver(signed(test, envelope, { timestamp, mode: 'test' }), 'test')).items,
		).toHaveLength(1);
	});

	it('runs Bird’s retry when n8n could not start the run for the first attempt (answered 500), so no event is lost', async () => {
		const w = await activeWorld({}, ['message.inbound']);
		await simulateInbound(sb, DEMO.channels.whatsapp, 'hello');
		const [request] = await receiver.waitFor(1);

		// Measured in a burst of 1,000 deliveries: n8n's SQLite write lock timed out while starting the run.
		const failed = await w.deliver({ ...asDelivery(request), n8nAnswer: 500 });
		expect(failed.items).toHaveLength(1);
		expect(failed.httpStatus).toBe(500);
		const retry = await w.deliver(asDelivery(request));
		expect(retry.items).toHaveLength(1);
		// That retry was acknowledged: a further copy is a duplicate.
		expect((await w.deliver(asDelivery(request))).items).toEqual([]);
	});

	it('runs Bird’s retry when Bird hung up before n8n answered the first attempt', async () => {
		const w = await activeWorld({}, ['message.inbound']);
		await simulateInbound(sb, DEMO.channels.whatsapp, 'hello');
		const [request] = await receiver.waitFor(1);
		expect(
			(await w.deliver({ ...asDelivery(request), n8nAnswer: 'client-gone' })).items,
		).toHaveLength(1);
		expect((await w.deliver(asDelivery(request))).items).toHaveLength(1);
	});

	it.each([
		[500, 'runs once the first attempt failed'],
		['ok', 'is a duplicate once the first attempt was acknowledged'],
	] as const)(
		'answers a retry that arrives while the first attempt is still in flight with 503, not 200; a later retry %s (%s)',
		async (firstAnswer, _outcome) => {
			const w = await activeWorld({}, ['message.inbound']);
			await simulateInbound(sb, DEMO.channels.whatsapp, 'hello');
			const [request] = await receiver.waitFor(1);
			let release!: () => void;
			let returned!: () => void;
			const webhookReturned = new Promise<void>((resolve) => (returned = resolve));
			// Seen in a queue-mode burst: Bird (or a proxy) gave up waiting on the first attempt while n8n was
			// still starting its run, retried, and n8n's start then failed on a database timeout.
			const first = w.deliver({
				...asDelivery(request),
				n8nAnswer: firstAnswer,
				answerWhen: new Promise<void>((resolve) => (release = resolve)),
				onWebhookReturned: returned,
			});
			await webhookReturned;
			const meanwhile = await w.deliver(asDelivery(request));
			expect(meanwhile.items).toEqual([]);
			expect(meanwhile.httpStatus).toBe(503);
			expect(meanwhile.response.body).toEqual({
				message: 'An earlier attempt of this delivery is still being handled; retry later',
			});
			release();
			expect((await first).items).toHaveLength(1);
			const later = await w.deliver(asDelivery(request));
			if (firstAnswer === 500) expect(later.items).toHaveLength(1);
			else
				expect({ items: later.items, status: later.httpStatus }).toEqual({
					items: [],
					status: 200,
				});
		},
	);

	it('recognises Bird’s own retry: same request ID and original timestamp after a refused attempt', async () => {
		const w = await activeWorld({}, ['message.inbound']);
		receiver.failNext(1);
		await simulateInbound(sb, DEMO.channels.whatsapp, 'hello');
		const [first, retry] = await receiver.waitFor(2);
		expect(retry.headers['messagebird-request-id']).toBe(first.headers['messagebird-request-id']);
		expect(retry.headers['messagebird-request-timestamp']).toBe(
			first.headers['messagebird-request-timestamp'],
		);

		// Say n8n's answer to the first attempt was lost after the run had started: the retry must not run again.
		expect((await w.deliver(asDelivery(first))).items).toHaveLength(1);
		const second = await w.deliver(asDelivery(retry));
		expect(second.items).toEqual([]);
		expect(second.httpStatus).toBe(200);
	});

	it('forgets received IDs when n8n restarts (kept in memory only), so a redelivery after a restart runs again', async () => {
		const w = await activeWorld({}, ['message.inbound']);
		await simulateInbound(sb, DEMO.channels.whatsapp, 'hello');
		const [request] = await receiver.waitFor(1);
		expect((await w.deliver(asDelivery(request))).items).toHaveLength(1);

		const restarted = w.restart();
		expect((await restarted.deliver(asDelivery(request))).items).toHaveLength(1);
		// Nothing about deliveries was written to static data (n8n would save all of it after each one).
		expect(Object.keys(restarted.nodeStaticData())).toEqual(['registrations']);
	});

	it('verifies a delivery to the test URL while n8n reports the production URL inside the webhook call', async () => {
		const w = new TriggerWorld({
			parameters: {
				events: ['message.inbound'],
				platform: 'whatsapp',
				channelId: DEMO.channels.whatsapp,
			} as never,
			credentials: sandboxCredentials(sb),
			publicUrl: receiver.url,
		});
		await w.activate('test');
		await simulateInbound(sb, DEMO.channels.whatsapp, 'testing');
		const [request] = await receiver.waitFor(1);
		expect(request.path).toContain('/webhook-test/');

		const outcome = await w.deliver(asDelivery(request), 'test');
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0].event).toBe('whatsapp.inbound');
	});
});

describe('verification', () => {
	const envelope = birdFixture('webhook.conversation-created.whatsapp');

	const expectRefused = (outcome: Awaited<ReturnType<TriggerWorld['deliver']>>, status: number) => {
		expect(outcome.httpStatus).toBe(status);
		expect(outcome.result.noWebhookResponse).toBe(true);
		expect(outcome.result.workflowData).toBeUndefined();
		expect(outcome.items).toEqual([]);
	};

	it('accepts a delivery signed with the subscription’s key over timestamp, registered URL and body', async () => {
		const w = await activeWorld();
		const outcome = await w.deliver(signed(w, envelope));
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.items).toHaveLength(1);
	});

	it('refuses a signature made with another key, even another subscription’s key of this trigger', async () => {
		const w = await activeWorld();
		expectRefused(
			await w.deliver(signed(w, envelope, { key: 'not-the-key-not-the-key-not-the-key-00000' })),
			401,
		);
		expectRefused(
			await w.deliver(signed(w, envelope, { key: keyFor(w, 'conversation.updated') })),
			401,
		);
	});

	it('refuses a tampered body', async () => {
		const w = await activeWorld();
		const delivery = signed(w, envelope);
		const tampered = Buffer.from(delivery.rawBody.toString().replace('"hi"', '"hello"'));
		expect(tampered.equals(Buffer.from(delivery.rawBody))).toBe(false);
		expectRefused(await w.deliver({ ...delivery, rawBody: tampered }), 401);
	});

	it('refuses a signature over a different URL (another host, a trailing slash)', async () => {
		const w = await activeWorld();
		expectRefused(
			await w.deliver(
				signed(w, envelope, { url: w.url('production').replace('127.0.0.1', 'localhost') }),
			),
			401,
		);
		expectRefused(await w.deliver(signed(w, envelope, { url: `${w.url('production')}/` })), 401);
	});

	it('refuses missing signature or timestamp headers', async () => {
		const w = await activeWorld();
		for (const header of ['messagebird-signature', 'messagebird-request-timestamp']) {
			const delivery = signed(w, envelope);
			const outcome = await w.deliver({
				...delivery,
				headers: { ...delivery.headers, [header]: undefined },
			});
			expectRefused(outcome, 401);
			expect(JSON.stringify(outcome.response.body)).toMatch(/missing/);
		}
	});

	it('refuses a delivery signed more than 24 hours ago by default, and accepts it under a wider limit', async () => {
		const old = nowSeconds() - 25 * 3600;
		const strict = await activeWorld();
		const outcome = await strict.deliver(signed(strict, envelope, { timestamp: old }));
		expectRefused(outcome, 401);
		expect(JSON.stringify(outcome.response.body)).toMatch(/too-old/);

		const relaxed = strict.restart({
			parameters: {
				events: EVENTS,
				platform: 'whatsapp',
				channelId: '',
				options: { maxAgeHours: 48 },
			} as never,
		});
		expect(
			(await relaxed.deliver(signed(relaxed, envelope, { timestamp: old }))).items,
		).toHaveLength(1);
	});

	it('refuses a delivery signed an hour in the future (401), accepts 4 minutes of clock skew, and follows Max Timestamp Ahead', async () => {
		const ahead = nowSeconds() + 3600;
		const strict = await activeWorld();
		const outcome = await strict.deliver(signed(strict, envelope, { timestamp: ahead }));
		expectRefused(outcome, 401);
		expect(JSON.stringify(outcome.response.body)).toMatch(/in-future/);
		expect(
			(await strict.deliver(signed(strict, envelope, { timestamp: nowSeconds() + 240 }))).items,
		).toHaveLength(1);

		const relaxed = strict.restart({
			parameters: {
				events: EVENTS,
				platform: 'whatsapp',
				channelId: '',
				options: { maxFutureMinutes: 90 },
			} as never,
		});
		expect(
			(await relaxed.deliver(signed(relaxed, envelope, { timestamp: ahead }))).items,
		).toHaveLength(1);
	});

	it('accepts a retry signed hours ago (Bird keeps the first timestamp for 8 hours of retries)', async () => {
		const w = await activeWorld();
		expect(
			(await w.deliver(signed(w, envelope, { timestamp: nowSeconds() - 8 * 3600 }))).items,
		).toHaveLength(1);
	});

	it('refuses an event this trigger did not subscribe to, whatever key signed it', async () => {
		const w = await activeWorld({}, ['conversation.created']);
		const deleted = { ...envelope, event: 'conversation.deleted' };
		expectRefused(
			await w.deliver(signed(w, deleted, { key: keyFor(w, 'conversation.created') })),
			401,
		);
		// The right event name under the wrong service is not ours either.
		const wrongService = { ...envelope, service: 'channels' };
		expectRefused(
			await w.deliver(signed(w, wrongService, { key: keyFor(w, 'conversation.created') })),
			401,
		);
	});

	it('answers 400 to a body that is not JSON or not a Bird notification, before looking at signatures', async () => {
		const w = await activeWorld();
		const notJson = await w.deliver({
			rawBody: 'event=conversation.created',
			headers: {},
			contentType: 'text/plain',
		});
		expectRefused(notJson, 400);
		const notBird = await w.deliver({ rawBody: JSON.stringify({ hello: 'world' }), headers: {} });
		expectRefused(notBird, 400);
	});

	it('never names a signing key in what it answers', async () => {
		const w = await activeWorld();
		const outcomes = [
			await w.deliver(signed(w, envelope, { key: 'wrong-wrong-wrong-wrong-wrong-wrong-00000' })),
			await w.deliver(signed(w, envelope, { timestamp: 1 })),
		];
		const keys = EVENTS.map((e) => keyFor(w, e === 'message.inbound' ? 'whatsapp.inbound' : e));
		for (const outcome of outcomes)
			for (const key of keys) expect(JSON.stringify(outcome.response.body)).not.toContain(key);
	});
});

describe('output on Bird’s documented payloads', () => {
	it('keeps the whole documented conversation.created payload (WhatsApp) as it came', async () => {
		const w = await activeWorld();
		const envelope = birdFixture('webhook.conversation-created.whatsapp');
		const delivery = signed(w, envelope, { requestId: 'b1f0c2d3-delivery' });
		const [item] = (await w.deliver(delivery)).items;
		expect(item).toEqual({
			event: 'conversation.created',
			service: 'conversations',
			payload: envelope.payload,
			deliveryId: 'b1f0c2d3-delivery',
			deliveryTimestamp: delivery.headers['messagebird-request-timestamp'],
		});
	});

	it('Simplify: the flat view of the WhatsApp example', async () => {
		const w = await activeWorld({ simplify: true });
		const [item] = (
			await w.deliver(
				signed(w, birdFixture('webhook.conversation-created.whatsapp'), { requestId: 'simple-1' }),
			)
		).items;
		expect(item).toEqual({
			event: 'conversation.created',
			conversationId: 'b77ec383-c663-4084-b269-efd62901a5ce',
			channelId: '199f0353-fcb8-41b2-afd6-614c6baf3850',
			status: 'active',
			contactId: 'f64db2ae-d6cb-4a3d-b1e1-2401fdf02f27',
			contactName: 'John Doe',
			contactIdentifier: '+31612345678',
			messageId: '991d9109-0af3-4940-a93b-1ac633d06ac7',
			messagePreview: 'hi',
			direction: 'incoming',
			updatedAt: '2024-12-03T18:18:45.039Z',
			deliveryId: 'simple-1',
		});
	});

	it('Simplify: the e-mail example, whose contact object is empty', async () => {
		const w = await activeWorld({ simplify: true });
		const [item] = (
			await w.deliver(
				signed(w, birdFixture('webhook.conversation-created.email'), { requestId: 'simple-2' }),
			)
		).items;
		expect(item).toMatchObject({
			event: 'conversation.created',
			conversationId: 'fb4997f8-07e9-44fa-a649-a280ac3896ac',
			channelId: 'cb4b1ebc-34e6-5a7a-a375-f6f2f131d88f',
			contactName: 'John Doe',
			messagePreview: 'test',
			direction: 'incoming',
		});
		expect(item.contactIdentifier).toBeUndefined();
	});

	it('Simplify: a conversation whose last message an access key sent is outgoing (get-conversation example as conversation.updated)', async () => {
		const w = await activeWorld({ simplify: true });
		const envelope = {
			service: 'conversations',
			event: 'conversation.updated',
			payload: birdFixture('conversation.get'),
		};
		const [item] = (await w.deliver(signed(w, envelope, { requestId: 'simple-3' }))).items;
		expect(item).toMatchObject({
			conversationId: '907798f8-fd72-44d5-8042-fcc05c1bb570',
			contactName: 'Lucas De Mitri',
			contactIdentifier: 'john.doe@bird.com',
			messagePreview: 'Hey, listen!',
			direction: 'outgoing',
		});
	});
});

describe('options for noisy events', () => {
	const updatedByAccessKey = () => ({
		service: 'conversations',
		event: 'conversation.updated',
		payload: birdFixture('conversation.get'),
	});

	it('Ignore Messages From Access Keys: acknowledges a conversation.updated about our own reply without a run', async () => {
		const w = await activeWorld({ ignoreOwnMessages: true });
		const outcome = await w.deliver(signed(w, updatedByAccessKey()));
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.result.workflowData).toBeUndefined();
		// A customer's message still runs.
		expect(
			(await w.deliver(signed(w, birdFixture('webhook.conversation-created.whatsapp')))).items,
		).toHaveLength(1);
	});

	it('Ignored Access Key ID: skips only that key’s messages; another integration’s key still runs', async () => {
		// conversation.get's last message was sent by access key 68b80b8d-….
		const own = await activeWorld({
			ignoreOwnMessages: true,
			ownAccessKeyId: '68b80b8d-8060-42df-bda3-73505a8fdb84',
		});
		expect(
			(await own.deliver(signed(own, updatedByAccessKey()))).result.workflowData,
		).toBeUndefined();
		const other = await activeWorld({
			ignoreOwnMessages: true,
			ownAccessKeyId: '2d7e4f1a-9c3b-4e8d-a6f5-1b0c9d8e7f36',
		});
		expect((await other.deliver(signed(other, updatedByAccessKey()))).items).toHaveLength(1);
	});

	it('Only Incoming: runs only when the last message came from the contact', async () => {
		const w = await activeWorld({ onlyIncoming: true });
		expect((await w.deliver(signed(w, updatedByAccessKey()))).result.workflowData).toBeUndefined();
		expect(
			(await w.deliver(signed(w, birdFixture('webhook.conversation-created.email')))).items,
		).toHaveLength(1);
	});

	it('breaks the reply loop end to end: the workflow’s own reply (sent with the access key) starts no run', async () => {
		const w = await activeWorld({ ignoreOwnMessages: true }, ['conversation.updated']);
		await simulateInbound(sb, DEMO.channels.whatsapp, 'Is the shop open today?');
		const [customer] = await receiver.waitFor(1);
		const fromCustomer = await w.deliver(asDelivery(customer));
		expect(fromCustomer.items).toHaveLength(1);

		// What a Bird Conversations node in the workflow would send back.
		const reply = await birdCall(
			sb,
			'POST',
			`/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.johnWhatsapp}/messages`,
			{
				participantType: 'accessKey',
				participantId: DEMO.accessKey.id,
				addMissingParticipants: true,
				body: { type: 'text', text: { text: 'Yes, until 18:00.' } },
			},
		);
		expect(reply.status).toBe(201);
		const [, ownReply] = await receiver.waitFor(2);
		const outcome = await w.deliver(asDelivery(ownReply));
		expect(JSON.parse(ownReply.rawBody.toString()).payload.lastMessage.sender.type).toBe(
			'accessKey',
		);
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.result.workflowData).toBeUndefined();
	});

	it('still verifies before ignoring: a forged delivery is refused, not silently acknowledged', async () => {
		const w = await activeWorld({ ignoreOwnMessages: true });
		const outcome = await w.deliver(
			signed(w, updatedByAccessKey(), { key: 'forged-forged-forged-forged-forged-0000' }),
		);
		expect(outcome.httpStatus).toBe(401);
	});
});

describe('Fetch Full Last Message', () => {
	it('adds the whole last message (with its body) to a conversation event, through the API', async () => {
		const w = await activeWorld({ fetchLastMessage: true }, ['conversation.created']);
		const { conversation, message } = await simulateInbound(
			sb,
			DEMO.channels.whatsapp,
			'I need help with order 1234',
			NEW_CONTACT,
		);
		const [request] = await receiver.waitFor(1);
		const [item] = (await w.deliver(asDelivery(request))).items;
		const lastMessage = item.lastMessage as IDataObject;
		expect(lastMessage.id).toBe(message.id);
		expect(lastMessage.conversationId).toBe(conversation.id);
		expect(lastMessage.body).toEqual({
			type: 'text',
			text: { text: 'I need help with order 1234' },
		});
	});

	it('keeps the event when the message cannot be fetched, and says why in the item', async () => {
		const w = await activeWorld({ fetchLastMessage: true, simplify: true });
		// Bird's example conversation does not exist in the sandbox: the lookup answers 404.
		const outcome = await w.deliver(
			signed(w, birdFixture('webhook.conversation-created.whatsapp')),
		);
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0].lastMessage).toBeUndefined();
		expect(outcome.items[0].lastMessageError).toMatchObject({ httpCode: '404' });
		expect(outcome.items[0].conversationId).toBe('b77ec383-c663-4084-b269-efd62901a5ce');
	});

	it('makes no API call for channel events, which carry the full message already', async () => {
		const w = await activeWorld({ fetchLastMessage: true }, ['message.inbound']);
		await simulateInbound(sb, DEMO.channels.whatsapp, 'hello');
		const [request] = await receiver.waitFor(1);
		await birdCall(sb, 'POST', '/_sandbox/faults', { failNext: { count: 5, status: 500 } });
		const [item] = (await w.deliver(asDelivery(request))).items;
		expect(item.lastMessage).toBeUndefined();
		expect(item.lastMessageError).toBeUndefined();
		expect((item.payload as IDataObject).body).toEqual({ type: 'text', text: { text: 'hello' } });
		await birdCall(sb, 'POST', '/_sandbox/faults', { failNext: { count: 0, status: 500 } });
	});
});

/**
 * Message Sent with Statuses and Message Interaction with Interaction Types: one Bird subscription per
 * status or type with Bird's `messageStatus` / `interactionType` filter (docs/bird-api.md §7.3), the
 * bookkeeping around them, and Bird's limit of 5 subscriptions per filter combination.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox/server';
import { startSandbox } from '../../../sandbox/server';
import { TriggerWorld } from '../../harness/trigger-engine';
import type { Receiver } from '../../harness/trigger-sandbox';
import {
	birdCall,
	DEMO,
	sandboxCredentials,
	sandboxSubscriptions,
	startReceiver,
	subscriptionsPath,
} from '../../harness/trigger-sandbox';

let sb: Sandbox;
let receiver: Receiver;
beforeAll(async () => {
	// Status steps 20 ms apart, so a sent message goes through accepted → processing → sent → delivered.
	sb = await startSandbox({
		host: '127.0.0.1',
		port: 0,
		seed: 'demo',
		rateLimits: false,
		allowLocalWebhookUrls: true,
		retrySchedule: [30],
		statusProgressionMs: 20,
	});
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

const world = (parameters: IDataObject) =>
	new TriggerWorld({
		parameters: {
			platform: 'whatsapp',
			channelId: '',
			options: {},
			resolveConversation: false,
			...parameters,
		} as never,
		credentials: sandboxCredentials(sb),
		publicUrl: receiver.url,
	});

const ours = async (w: TriggerWorld) =>
	(await sandboxSubscriptions(sb)).filter((s) => s.url === w.url('production'));
const filtersOf = (s: { eventFilters: Array<{ key: string; value: string }> }) =>
	s.eventFilters
		.map((f) => `${f.key}=${f.value}`)
		.sort()
		.join('&');
const send = (text: string) =>
	birdCall(
		sb,
		'POST',
		`/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.johnWhatsapp}/messages`,
		{
			participantType: 'accessKey',
			participantId: DEMO.accessKey.id,
			body: { type: 'text', text: { text } },
		},
	);

describe('Statuses on Message Sent', () => {
	it('makes one subscription per status with its messageStatus filter (ANDed with the Channel ID)', async () => {
		const w = world({
			events: ['message.outbound'],
			statuses: ['delivered', 'delivery_failed'],
			channelId: DEMO.channels.whatsapp,
		});
		await w.activate();
		const subscriptions = await ours(w);
		expect(subscriptions.map((s) => `${s.event}?${filtersOf(s)}`).sort()).toEqual([
			`whatsapp.outbound?channelId=${DEMO.channels.whatsapp}&messageStatus=delivered`,
			`whatsapp.outbound?channelId=${DEMO.channels.whatsapp}&messageStatus=delivery_failed`,
		]);
		expect(await w.deactivate()).toBe(true);
		expect(await ours(w)).toEqual([]);
	});

	it('Statuses = delivered: Bird delivers only the delivered step, and it verifies and runs once', async () => {
		const w = world({ events: ['message.outbound'], statuses: ['delivered'] });
		await w.activate();
		const sent = await send('Your parcel is on its way');
		const [request] = await receiver.waitFor(1);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(receiver.requests).toHaveLength(1);
		const outcome = await w.deliver({ rawBody: request.rawBody, headers: request.headers });
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0].payload).toMatchObject({
			id: sent.data.id,
			status: 'delivered',
			direction: 'outgoing',
		});
	});

	it('left empty: one subscription, every status step', async () => {
		const w = world({ events: ['message.outbound'], statuses: [] });
		await w.activate();
		expect((await ours(w)).map(filtersOf)).toEqual(['']);
		await send('steps');
		const requests = await receiver.waitFor(4);
		const statuses = requests.map((r) => JSON.parse(r.rawBody.toString()).payload.status);
		expect(statuses).toEqual(['accepted', 'processing', 'sent', 'delivered']);
		for (const request of requests)
			expect(
				(await w.deliver({ rawBody: request.rawBody, headers: request.headers })).items,
			).toHaveLength(1);
	});

	it('changing the statuses rebuilds the subscriptions on the next activation, without leftovers', async () => {
		const w = world({ events: ['message.outbound'], statuses: ['delivered'] });
		await w.activate();
		const changed = w.restart({
			parameters: {
				events: ['message.outbound'],
				platform: 'whatsapp',
				channelId: '',
				statuses: ['sent', 'delivered'],
			} as never,
		});
		expect(await changed.activate()).toBe(true);
		expect((await ours(changed)).map(filtersOf).sort()).toEqual([
			'messageStatus=delivered',
			'messageStatus=sent',
		]);
		await changed.deactivate();
		expect(await ours(changed)).toEqual([]);
	});
});

describe('Message Interaction', () => {
	it('subscribes to <platform>.interaction, one subscription per interaction type, and runs for a signed interaction', async () => {
		const w = world({
			events: ['message.interaction'],
			platform: 'email',
			interactionTypes: ['opened', 'clicked'],
		});
		await w.activate();
		expect((await ours(w)).map((s) => `${s.event}?${filtersOf(s)}`).sort()).toEqual([
			'email.interaction?interactionType=clicked',
			'email.interaction?interactionType=opened',
		]);
		const sent = await birdCall(
			sb,
			'POST',
			`/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.janeEmail}/messages`,
			{
				participantType: 'accessKey',
				participantId: DEMO.accessKey.id,
				body: { type: 'text', text: { text: 'Your invoice' } },
			},
		);
		await birdCall(sb, 'POST', `/_sandbox/messages/${sent.data.id}/interactions`, {
			type: 'opened',
		});
		await birdCall(sb, 'POST', `/_sandbox/messages/${sent.data.id}/interactions`, { type: 'read' });
		const [request] = await receiver.waitFor(1);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.requests).toHaveLength(1);
		const [item] = (await w.deliver({ rawBody: request.rawBody, headers: request.headers })).items;
		expect(item).toMatchObject({
			event: 'email.interaction',
			payload: { type: 'opened', messageId: sent.data.id },
		});
		await w.deactivate();
		expect(await ours(w)).toEqual([]);
	});
});

describe('Bird’s limit of 5 subscriptions per filter combination', () => {
	it('refuses to activate a sixth, naming event and filters, and creates nothing', async () => {
		for (let i = 0; i < 5; i++) {
			const made = await birdCall(sb, 'POST', subscriptionsPath(), {
				service: 'channels',
				event: 'whatsapp.outbound',
				eventFilters: [{ key: 'messageStatus', value: 'delivered' }],
				url: `${receiver.url}/other-${i}`,
			});
			expect(made.status).toBe(201);
		}
		const w = world({
			events: ['message.outbound', 'conversation.created'],
			statuses: ['sent', 'delivered'],
		});
		await expect(w.activate()).rejects.toThrow(
			'Bird allows at most 5 subscriptions to "whatsapp.outbound" with messageStatus=delivered, and this workspace has 5',
		);
		expect(await ours(w)).toEqual([]);
		// Another status is its own combination.
		const other = world({ events: ['message.outbound'], statuses: ['sent'] });
		expect(await other.activate()).toBe(true);
	});
});

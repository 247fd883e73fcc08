/**
 * Channel events in the Channels API's shape (docs/bird-api.md §6): one `<platform>.outbound` per status
 * step of a sent message (accepted, processing, sent, delivered), a failure ending in `sending_failed` or
 * `delivery_failed` with its reason, and `messageStatus` filters applied to those steps.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import {
	conversationsPath,
	DEMO,
	eventually,
	start,
	subscriptionsPath,
	type Started,
} from './support';

let s: Started;
let server: http.Server;
let receiverUrl = '';
beforeAll(async () => {
	s = await start({ statusProgressionMs: 30 });
	server = http.createServer((_request, response) => response.writeHead(204).end());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await s.sandbox.close();
	await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
});

type Delivered = { event: string; url: string; body: { payload: Record<string, any> } };
const deliveries = async () =>
	(await s.api.get('/_sandbox/deliveries')).data.results as Delivered[];
const subscribe = (path: string, eventFilters: Array<{ key: string; value: string }> = []) =>
	s.api.post(subscriptionsPath, {
		service: 'channels',
		event: 'whatsapp.outbound',
		eventFilters,
		url: `${receiverUrl}/${path}`,
	});
const send = (text: string) =>
	s.api.post(`${conversationsPath}/${DEMO.conversations.johnWhatsapp}/messages`, {
		participantType: 'accessKey',
		participantId: DEMO.accessKey.id,
		body: { type: 'text', text: { text } },
	});

it('sends one whatsapp.outbound per status step, in Bird’s order, each with the channel message', async () => {
	expect((await subscribe('all')).status).toBe(201);
	const sent = await send('Your order shipped');
	const events = await eventually(async () => {
		const list = await deliveries();
		return list.length >= 4 ? list : undefined;
	}, 'four status events');
	expect(events.map((d) => d.body.payload.status)).toEqual([
		'accepted',
		'processing',
		'sent',
		'delivered',
	]);
	for (const event of events) {
		expect(event.body.payload).toMatchObject({
			id: sent.data.id,
			direction: 'outgoing',
			sender: { connector: expect.any(Object) },
		});
		expect(event.body.payload.reason).toBeUndefined();
	}
	// The Conversations message reaches the same end state.
	expect(
		(
			await s.api.get(
				`${conversationsPath}/${DEMO.conversations.johnWhatsapp}/messages/${sent.data.id}`,
			)
		).data.status,
	).toBe('delivered');
});

it.each([
	['delivery_failed', ['accepted', 'processing', 'sent', 'delivery_failed']],
	['sending_failed', ['accepted', 'processing', 'sending_failed']],
] as const)(
	'a message that cannot reach its recipient ends in %s with the reason',
	async (status, steps) => {
		const reason = 'The number is not on WhatsApp';
		await s.api.post('/_sandbox/undeliverable', {
			identifierValue: DEMO.contacts.john.identifierValue,
			status,
			reason,
		});
		await subscribe('all');
		await send('Will not arrive');
		const events = await eventually(async () => {
			const list = await deliveries();
			return list.length >= steps.length ? list : undefined;
		}, `${steps.length} status events`);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const final = await deliveries();
		expect(final.map((d) => d.body.payload.status)).toEqual(steps);
		expect(events[events.length - 1].body.payload.reason).toBe(reason);
		expect(final.slice(0, -1).every((d) => d.body.payload.reason === undefined)).toBe(true);
	},
);

it('a messageStatus filter delivers only that step; a reset forgets undeliverable recipients', async () => {
	await subscribe('delivered', [{ key: 'messageStatus', value: 'delivered' }]);
	await s.api.post('/_sandbox/undeliverable', {
		identifierValue: DEMO.contacts.john.identifierValue,
	});
	await send('fails');
	await new Promise((resolve) => setTimeout(resolve, 300));
	expect(await deliveries()).toEqual([]);

	await s.api.post('/_sandbox/reset', { seed: 'demo' });
	await subscribe('delivered', [{ key: 'messageStatus', value: 'delivered' }]);
	await send('arrives');
	const [delivered] = await eventually(async () => {
		const list = await deliveries();
		return list.length ? list : undefined;
	}, 'the delivered event');
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect((await deliveries()).map((d) => d.body.payload.status)).toEqual(['delivered']);
	expect(delivered.url).toBe(`${receiverUrl}/delivered`);
});

it('a messageStatus filter on processing delivers exactly the processing step', async () => {
	await subscribe('processing', [{ key: 'messageStatus', value: 'processing' }]);
	const sent = await send('Processing, please wait');
	await eventually(async () => (await deliveries()).length > 0, 'the processing event');
	await eventually(
		async () =>
			(
				await s.api.get(
					`${conversationsPath}/${DEMO.conversations.johnWhatsapp}/messages/${sent.data.id}`,
				)
			).data.status === 'delivered',
		'delivered',
	);
	const events = await deliveries();
	expect(events.map((d) => [d.url, d.body.payload.id, d.body.payload.status])).toEqual([
		[`${receiverUrl}/processing`, sent.data.id, 'processing'],
	]);
});

it('a recipient’s interaction fires whatsapp.interaction, filtered by interactionType', async () => {
	const sub = (path: string, type?: string) =>
		s.api.post(subscriptionsPath, {
			service: 'channels',
			event: 'whatsapp.interaction',
			eventFilters: type ? [{ key: 'interactionType', value: type }] : [],
			url: `${receiverUrl}/${path}`,
		});
	expect((await sub('read', 'read')).status).toBe(201);
	expect((await sub('any')).status).toBe(201);
	const sent = await send('Did you see this?');
	const interact = (type: string) =>
		s.api.post(`/_sandbox/messages/${sent.data.id}/interactions`, { type });
	const read = await interact('read');
	expect(read.status).toBe(201);
	expect(read.data).toMatchObject({
		messageId: sent.data.id,
		channelId: DEMO.channels.whatsapp,
		type: 'read',
	});
	expect((await interact('clicked')).status).toBe(201);
	expect((await interact('seen-it')).status).toBe(422);
	const events = await eventually(async () => {
		const list = (await deliveries()).filter((d) => d.event === 'whatsapp.interaction');
		return list.length >= 3 ? list : undefined;
	}, 'three interaction deliveries');
	await new Promise((resolve) => setTimeout(resolve, 100));
	const byUrl = (path: string) =>
		events.filter((d) => d.url.endsWith(`/${path}`)).map((d) => d.body.payload.type);
	expect(byUrl('read')).toEqual(['read']);
	expect(byUrl('any')).toEqual(['read', 'clicked']);
});

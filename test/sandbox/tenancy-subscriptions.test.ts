/**
 * Tenancy across organizations, and subscription rules that outlive a single request: the 5-per-combination
 * limit also holds when PATCH moves a subscription's filters, and retries stop once the subscription is
 * deleted or paused (the trigger's deactivation must not leave Bird posting at a dead n8n URL).
 */
import axios from 'axios';

import {
	DEMO,
	ORG,
	Receiver,
	WS,
	conversationsPath,
	eventually,
	expectBirdError,
	start,
	subscriptionsPath,
	type Started,
} from './support';

let s: Started;
let receiver: Receiver;

beforeAll(async () => {
	// The first retry waits long enough for the test to delete or pause the subscription before it is due.
	s = await start({ retrySchedule: [400, 50, 50] });
	receiver = await new Receiver().listen();
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

const partner = DEMO.partner;
const partnerApi = () =>
	axios.create({
		baseURL: s.sandbox.url,
		validateStatus: () => true,
		headers: { Authorization: `AccessKey ${partner.accessKey.secret}` },
	});
const partnerSubscriptions = `/organizations/${partner.organizationId}/workspaces/${partner.workspaceId}/webhook-subscriptions`;

describe('several organizations', () => {
	it('a key works in its own organization’s workspace and gets 403 in another organization’s, both ways', async () => {
		const own = await partnerApi().get(`/workspaces/${partner.workspaceId}/conversations`);
		expect(own.status).toBe(200);
		expect(own.data.results).toEqual([]);
		expectBirdError(await partnerApi().get(conversationsPath), 403, 'Forbidden');
		expectBirdError(
			await s.api.get(`/workspaces/${partner.workspaceId}/conversations`),
			403,
			'Forbidden',
		);
	});

	it('a workspace addressed under the wrong organization is a 404 on the webhook paths', async () => {
		expectBirdError(
			await s.api.get(
				`/organizations/${partner.organizationId}/workspaces/${WS}/webhook-subscriptions`,
			),
			404,
			'ResourceNotFound',
		);
		expectBirdError(
			await partnerApi().get(
				`/organizations/${ORG}/workspaces/${partner.workspaceId}/webhook-subscriptions`,
			),
			404,
			'ResourceNotFound',
		);
	});

	it('subscriptions are per workspace: the partner’s never sees or receives the demo workspace’s events', async () => {
		const theirs = await partnerApi().post(partnerSubscriptions, {
			service: 'conversations',
			event: 'conversation.created',
			url: `${receiver.url}/partner`,
		});
		expect(theirs.status).toBe(201);
		expect(theirs.data).toMatchObject({
			organizationId: partner.organizationId,
			workspaceId: partner.workspaceId,
		});
		const ours = await s.api.post(subscriptionsPath, {
			service: 'conversations',
			event: 'conversation.created',
			url: `${receiver.url}/demo`,
		});
		expect(ours.status).toBe(201);

		expect(
			(await s.api.get(subscriptionsPath)).data.results.map((x: { id: string }) => x.id),
		).toEqual([ours.data.id]);
		expectBirdError(
			await s.api.get(`${subscriptionsPath}/${theirs.data.id}`),
			404,
			'ResourceNotFound',
		);

		expect(
			(await s.api.post(conversationsPath, { name: 'Demo only', channelId: DEMO.channels.sms }))
				.status,
		).toBe(201);
		await eventually(() => receiver.requests.length >= 1, 'the demo subscription’s delivery');
		// Deliveries are recorded when the event fires, so a partner delivery would already be listed here.
		const deliveries = (await s.api.get('/_sandbox/deliveries')).data.results as Array<{
			subscriptionId: string;
		}>;
		expect(deliveries.map((d) => d.subscriptionId)).toEqual([ours.data.id]);
		expect(receiver.requests.map((r) => r.path)).toEqual(['/demo']);
	});
});

describe('the 5-per-combination limit on PATCH', () => {
	const channelFilter = (channelId: string) => [{ key: 'channelId', value: channelId }];
	const create = (channelId: string, n: number) =>
		s.api.post(subscriptionsPath, {
			service: 'conversations',
			event: 'conversation.updated',
			eventFilters: channelFilter(channelId),
			url: `https://hooks.example.com/${n}`,
		});

	it('moving a subscription’s filters onto a full combination is refused and leaves it unchanged; other changes still work', async () => {
		for (let n = 0; n < 5; n++) expect((await create(DEMO.channels.whatsapp, n)).status).toBe(201);
		const other = await create(DEMO.channels.sms, 5);
		expect(other.status).toBe(201);

		const moved = await s.api.patch(`${subscriptionsPath}/${other.data.id}`, {
			eventFilters: channelFilter(DEMO.channels.whatsapp),
		});
		expectBirdError(moved, 422, 'SubscriptionLimitReached');
		expect((await s.api.get(`${subscriptionsPath}/${other.data.id}`)).data.eventFilters).toEqual(
			channelFilter(DEMO.channels.sms),
		);

		// A member of the full combination may restate its own filters or change anything else.
		const full = (await s.api.get(subscriptionsPath)).data.results[0];
		expect(
			(
				await s.api.patch(`${subscriptionsPath}/${full.id}`, {
					eventFilters: channelFilter(DEMO.channels.whatsapp),
				})
			).status,
		).toBe(200);
		expect(
			(
				await s.api.patch(`${subscriptionsPath}/${full.id}`, {
					url: 'https://hooks.example.com/moved',
				})
			).status,
		).toBe(200);
		// Once a slot is free, the move succeeds.
		expect((await s.api.delete(`${subscriptionsPath}/${full.id}`)).status).toBe(204);
		expect(
			(
				await s.api.patch(`${subscriptionsPath}/${other.data.id}`, {
					eventFilters: channelFilter(DEMO.channels.whatsapp),
				})
			).status,
		).toBe(200);
	});

	it('eventFilters: null on PATCH (nullable in Bird’s update schema) leaves the filters, and [] joins the no-filter combination only if it has room', async () => {
		const noFilters = (n: number) =>
			s.api.post(subscriptionsPath, {
				service: 'conversations',
				event: 'conversation.updated',
				eventFilters: [],
				url: `https://hooks.example.com/plain-${n}`,
			});
		for (let n = 0; n < 5; n++) expect((await noFilters(n)).status).toBe(201);
		const filtered = await create(DEMO.channels.sms, 5);
		expect(filtered.status).toBe(201);

		// null leaves the filters as they are (inferred), so it cannot make a sixth no-filter subscription.
		const toNull = await s.api.patch(`${subscriptionsPath}/${filtered.data.id}`, {
			eventFilters: null,
		});
		expect(toNull.status).toBe(200);
		expect(toNull.data.eventFilters).toEqual(channelFilter(DEMO.channels.sms));
		expectBirdError(
			await s.api.patch(`${subscriptionsPath}/${filtered.data.id}`, {}),
			422,
			'InvalidPayload',
		);
		expectBirdError(
			await s.api.patch(`${subscriptionsPath}/${filtered.data.id}`, { eventFilters: [] }),
			422,
			'SubscriptionLimitReached',
		);
		expect((await s.api.get(`${subscriptionsPath}/${filtered.data.id}`)).data.eventFilters).toEqual(
			channelFilter(DEMO.channels.sms),
		);
		const plain = (
			await s.api.get(subscriptionsPath, { params: { limit: 100 } })
		).data.results.filter((x: { eventFilters: unknown[] }) => x.eventFilters.length === 0);
		expect(plain).toHaveLength(5);
	});
});

describe('retries after the subscription is gone', () => {
	const attemptsOf = async (subscriptionId: string) =>
		(
			(await s.api.get('/_sandbox/deliveries', { params: { subscriptionId } })).data
				.results as Array<{ attempt: number; executionStatus: string }>
		)[0];

	it.each([
		['deleted', (id: string) => s.api.delete(`${subscriptionsPath}/${id}`)],
		[
			'paused (status inactive)',
			(id: string) => s.api.patch(`${subscriptionsPath}/${id}`, { status: 'inactive' }),
		],
	])(
		'a subscription %s gets no more retries; an untouched one on the same failing endpoint runs its whole schedule',
		async (_label, stop) => {
			receiver.statuses.push(...Array(20).fill(500));
			const subscribe = (path: string) =>
				s.api.post(subscriptionsPath, {
					service: 'conversations',
					event: 'conversation.created',
					url: `${receiver.url}/${path}`,
					signingKey: 'k',
				});
			const stopped = (await subscribe('stopped')).data;
			const control = (await subscribe('control')).data;

			expect(
				(
					await s.api.post(conversationsPath, {
						name: 'Retry me',
						channelId: DEMO.channels.whatsapp,
					})
				).status,
			).toBe(201);
			await eventually(
				async () => (await attemptsOf(stopped.id))?.attempt === 1,
				'the first attempt',
			);
			expect((await stop(stopped.id)).status).toBeLessThan(300);

			// The control delivery ends after 1 + 3 retries; by then the stopped one would have had its retries too.
			await eventually(
				async () => (await attemptsOf(control.id))?.executionStatus === 'failed',
				'the control delivery to run out of retries',
			);
			expect(await attemptsOf(control.id)).toMatchObject({ attempt: 4, executionStatus: 'failed' });
			expect(await attemptsOf(stopped.id)).toMatchObject({ attempt: 1, executionStatus: 'failed' });
			expect(receiver.requests.filter((r) => r.path === '/stopped')).toHaveLength(1);
		},
	);
});

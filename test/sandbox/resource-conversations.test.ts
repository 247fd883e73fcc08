/**
 * Conversations about a resource instead of a channel (docs/bird-api.md §2.2: `name` plus `channelId` or `resource`),
 * the `resource` filter of the conversation list (§2.3), and what a channel-less conversation fires.
 */
import {
	DEMO,
	conversationsPath,
	expectBirdError,
	start,
	subscriptionsPath,
	type Started,
} from './support';

let s: Started;

beforeAll(async () => {
	s = await start();
});
afterAll(async () => {
	await s.sandbox.close();
});
beforeEach(async () => {
	await s.api.post('/_sandbox/reset', { seed: 'demo' });
});

const task = { type: 'task', id: 'ab651378-579a-4491-abe6-eec97d4c0fa3' };
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

it('create needs a name and a channelId or a resource; the 422 names both alternatives', async () => {
	const neither = await s.api.post(conversationsPath, { name: 'Loose' });
	expectBirdError(neither, 422, 'InvalidPayload');
	expect(Object.keys(neither.data.details).sort()).toEqual(['.channelId', '.resource']);
	const badResource = await s.api.post(conversationsPath, {
		name: 'Bad',
		resource: { type: 'ticket', id: 'x' },
	});
	expectBirdError(badResource, 422, 'InvalidPayload');
	expect(Object.keys(badResource.data.details).sort()).toEqual(['.resource.id', '.resource.type']);
});

it('a task conversation is listed by `resource=task:<id>` and by nothing else', async () => {
	const created = await s.api.post(conversationsPath, { name: 'Task chat', resource: task });
	expect(created.status).toBe(201);
	expect(created.data).toMatchObject({
		name: 'Task chat',
		resource: task,
		initiatingParticipant: { type: 'accessKey', id: DEMO.accessKey.id },
	});
	// No channel, but Bird's schema requires a uuid channelId: the nil UUID (inferred, sandbox/views.ts).
	expect(created.data.channelId).toBe(NIL_UUID);
	await s.api.post(conversationsPath, {
		name: 'Other task',
		resource: { type: 'task', id: '0e07df52-3a5b-47e0-a8cb-1cf1754df147' },
	});

	const filtered = await s.api.get(conversationsPath, { params: { resource: `task:${task.id}` } });
	expect(filtered.status).toBe(200);
	expect(filtered.data.results.map((c: { id: string }) => c.id)).toEqual([created.data.id]);
	expect(
		(await s.api.get(conversationsPath, { params: { resource: `project:${task.id}` } })).data
			.results,
	).toEqual([]);
	// Without the filter it is one of the workspace's conversations like any other.
	expect(
		(await s.api.get(conversationsPath, { params: { limit: 100 } })).data.results.map(
			(c: { id: string }) => c.id,
		),
	).toContain(created.data.id);
});

it('the resource filter must be <type>:<id> of at most 60 characters (422 on .resource)', async () => {
	for (const resource of [`task:${'a'.repeat(60)}`, 'task']) {
		const response = await s.api.get(conversationsPath, { params: { resource } });
		expectBirdError(response, 422, 'InvalidPayload');
		expect(Object.keys(response.data.details)).toEqual(['.resource']);
	}
});

it('a message in a channel-less conversation updates it and fires conversation.updated, and no platform’s outbound event', async () => {
	for (const [service, event] of [
		['conversations', 'conversation.updated'],
		['channels', 'whatsapp.outbound'],
		['channels', 'sms.outbound'],
		['channels', 'email.outbound'],
	]) {
		expect(
			(await s.api.post(subscriptionsPath, { service, event, url: 'http://127.0.0.1:9/hook' }))
				.status,
		).toBe(201);
	}
	const created = await s.api.post(conversationsPath, { name: 'Task chat', resource: task });
	const sent = await s.api.post(`${conversationsPath}/${created.data.id}/messages`, {
		participantType: 'accessKey',
		participantId: DEMO.accessKey.id,
		body: { type: 'text', text: { text: 'Moved the deadline to Friday' } },
	});
	expect(sent.status).toBe(201);
	expect(sent.data.channelId).toBe(NIL_UUID);
	expect(
		(await s.api.get(`${conversationsPath}/${created.data.id}`)).data.lastMessage,
	).toMatchObject({ id: sent.data.id, preview: { text: 'Moved the deadline to Friday' } });
	const events = (
		(await s.api.get('/_sandbox/deliveries')).data.results as Array<{ event: string }>
	).map((d) => d.event);
	expect(events).toEqual(['conversation.updated']);
	expect(events.some((e) => e.endsWith('.outbound'))).toBe(false);
});

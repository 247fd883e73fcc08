/**
 * When Bird does not answer at all (connection reset, cut after the request went out, or refused), for every
 * caller of the one request path: a GET is retried (executor, conversation picker, trigger lifecycle); a write
 * is never sent again, because it may already have reached Bird and Bird documents no idempotency key (none
 * among the create-message fields of docs/bird-api.md §3.3). The error then says plainly that the message
 * (or conversation) may have been created, that it was not sent twice, and names its reference.
 *
 * Real local sockets cut on purpose (./support flakyServer) or the sandbox's dropNext fault (the request is
 * processed, the answer cut off), not HTTP mocks, so the errors are exactly what n8n's request helper
 * produces. Merged from connection-failure.test.ts, the connection test of errors.test.ts, and the
 * dropped-connection tests of message-send-once.test.ts and retries-against-sandbox.test.ts.
 */
import type { IncomingMessage } from 'node:http';

import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox/server';
import { DEMO } from '../../../sandbox/seed';
import {
	birdCredentials,
	birdDeliveryHeaders,
	callListSearch,
	DEMO_IDS,
	locator,
	runBirdNode,
	TEST_ACCESS_KEY,
	useSandbox,
} from '../../harness';
import { sandboxCredentials, startTriggerSandbox } from '../../harness/trigger-sandbox';
import { binaryItem, conversation, CONVERSATION_ID, create, get, triggerWorld } from './fixtures';
import { flakyServer, refusingUrl, shown, sleeps } from './support';

jest.mock('n8n-workflow', () => jest.requireActual('./support').withRecordedSleep());

const send = (extra: IDataObject = {}) => ({
	resource: 'message',
	operation: 'send',
	conversationId: locator(CONVERSATION_ID),
	senderId: DEMO.accessKey.id,
	messageType: 'text',
	text: '={{ $json.text ?? "Hello" }}',
	...extra,
});
const answerAll = ({ method }: { method: string }) => ({
	status: method === 'POST' ? 201 : 200,
	body:
		method === 'POST'
			? { id: 'c854061a-6026-48c7-a2e8-bffb6458727b', status: 'accepted' }
			: conversation,
});

beforeEach(() => {
	sleeps.length = 0;
});

describe('a GET is retried after a connection failure', () => {
	it('a reset connection is retried after a backoff wait and succeeds', async () => {
		const bird = await flakyServer(({ count }) => count === 1, answerAll);
		try {
			const result = await runBirdNode(get, {
				credentials: birdCredentials({ baseUrl: bird.url }),
			});
			expect(result.error).toBeUndefined();
			expect(result.json).toEqual([conversation]);
			expect(bird.requests).toHaveLength(2);
			expect(sleeps).toHaveLength(1);
			expect(sleeps[0]).toBeGreaterThan(0);
			// Both attempts carried the run's key, built once.
			expect(bird.authorizations).toEqual([
				`AccessKey ${TEST_ACCESS_KEY}`,
				`AccessKey ${TEST_ACCESS_KEY}`,
			]);
		} finally {
			await bird.close();
		}
	});

	it('one that keeps failing stops after Max Retries with an error naming the Base URL, never the key', async () => {
		const bird = await flakyServer(() => true, answerAll);
		try {
			const result = await runBirdNode(
				{ ...get, options: { maxRetries: 2 } },
				{ credentials: birdCredentials({ baseUrl: bird.url }) },
			);
			expect(bird.requests).toHaveLength(3);
			expect(result.error?.message).toBe(`Could not reach Bird at ${bird.url}`);
			expect(result.error?.description).toMatch(/^Check the Base URL in the credential/);
			expect(result.error?.description).toContain('Tried 3 times');
			expect(shown(result.error)).not.toContain(TEST_ACCESS_KEY);
			expect(JSON.stringify(result.result.run)).not.toContain(TEST_ACCESS_KEY);
		} finally {
			await bird.close();
		}
	});

	it('a refused connection (nothing listening) is reported the same way, with the cause', async () => {
		const url = await refusingUrl();
		const result = await runBirdNode(
			{ ...get, options: { maxRetries: 1 } },
			{ credentials: birdCredentials({ baseUrl: url }) },
		);
		expect(sleeps).toHaveLength(1);
		expect(result.error?.message).toBe(`Could not reach Bird at ${url}`);
		expect(result.error?.description).toMatch(/Check the Base URL.*\(.+\)$/);
	});

	it('the conversation picker retries a reset, and then shows "Could not reach Bird", not n8n’s raw error', async () => {
		const once = await flakyServer(
			({ count }) => count === 1,
			() => ({
				status: 200,
				body: { results: [conversation] },
			}),
		);
		const always = await flakyServer(() => true, answerAll);
		try {
			const page = await callListSearch('searchConversations', undefined, undefined, {
				baseUrl: once.url,
			});
			expect(page.results).toEqual([
				{ name: `Ticket (${CONVERSATION_ID})`, value: CONVERSATION_ID },
			]);
			expect(once.requests).toHaveLength(2);

			sleeps.length = 0;
			await expect(
				callListSearch('searchConversations', undefined, undefined, { baseUrl: always.url }),
			).rejects.toThrow(`Could not reach Bird at ${always.url}`);
			// 1 try + the default 3 retries.
			expect(always.requests).toHaveLength(4);
			expect(sleeps).toHaveLength(3);
		} finally {
			await once.close();
			await always.close();
		}
	});
});

describe('a write is never sent again after a connection failure', () => {
	it('a create whose connection broke after it went out: not repeated, and the error says the conversation may exist', async () => {
		const bird = await flakyServer(({ count }) => count === 1, answerAll);
		try {
			const result = await runBirdNode(
				{
					...create,
					initialMessageType: 'text',
					initialMessageText: 'Hi',
					additionalFields: { reference: 'ticket-7' },
				},
				{ credentials: birdCredentials({ baseUrl: bird.url }) },
			);
			expect(bird.requests).toEqual([`POST /workspaces/${DEMO_IDS.workspaceId}/conversations`]);
			expect(sleeps).toEqual([]);
			expect(result.error?.message).toBe(
				`Lost the connection to Bird at ${bird.url} before it answered: the conversation may have been created`,
			);
			expect(result.error?.description).toContain(
				'so the request may have reached Bird and the conversation may have been created.',
			);
			expect(result.error?.description).toContain(
				'It was not retried, so that it cannot be sent twice.',
			);
			expect(result.error?.description).toContain(
				'check in Bird whether the conversation exists: look for the reference "ticket-7"',
			);
			expect(shown(result.error)).not.toContain(TEST_ACCESS_KEY);
		} finally {
			await bird.close();
		}
	});

	it('Send: one message per item even when connections break; each broken one names its reference', async () => {
		// Item 1 of 3 loses its connection after the request went out: items 0 and 2 are sent, item 1 is
		// reported and never repeated (before, 60 sends with 4 cut connections left 60 messages in Bird and 4
		// items reported as plain failures).
		const bird = await flakyServer(
			({ method, count }) => method === 'POST' && count === 2,
			answerAll,
		);
		try {
			const result = await runBirdNode(
				send({ options: { concurrency: 1 }, additionalFields: { reference: '={{ $json.ref }}' } }),
				{
					credentials: birdCredentials({ baseUrl: bird.url }),
					items: [{ ref: 'order-41' }, { ref: 'order-42' }, { ref: 'order-43' }],
					continueOnFail: true,
				},
			);
			expect(bird.requests).toHaveLength(3);
			expect(sleeps).toEqual([]);
			expect(result.json[0].status).toBe('accepted');
			expect(result.json[2].status).toBe('accepted');
			const failed = result.items[1].error;
			expect(failed?.message).toBe(
				`Lost the connection to Bird at ${bird.url} before it answered: the message may have been created`,
			);
			expect(failed?.description).toMatch(
				/^The connection to Bird broke before it answered \(.+\), so the request may have reached Bird and the message may have been created\. It was not retried, so that it cannot be sent twice\. Before running this item again, check in Bird whether the message exists: look for the reference "order-42"\.$/,
			);
		} finally {
			await bird.close();
		}
	});

	it('a refused connection on a send says nothing reached Bird, and is not repeated either', async () => {
		const url = await refusingUrl();
		const result = await runBirdNode(send(), { credentials: birdCredentials({ baseUrl: url }) });
		expect(sleeps).toEqual([]);
		expect(result.error?.message).toBe(`Could not reach Bird at ${url}`);
		expect(result.error?.description).toMatch(
			/^The connection could not be made, so the request did not reach Bird and nothing was changed\./,
		);
	});

	it('the upload’s storage step: not repeated, named by its step, and says no message was sent', async () => {
		const bird = await flakyServer(
			({ url }) => url === '/storage',
			({ url }) => ({
				status: 200,
				body: url.endsWith('/presigned-upload')
					? {
							mediaUrl: 'https://media.api.bird.com/m/1',
							uploadUrl: `${bird.url}/storage`,
							uploadFormData: { key: 'k' },
						}
					: {},
			}),
		);
		try {
			const result = await runBirdNode(
				{ ...send(), messageType: 'image', mediaSource: 'binary', binaryPropertyName: 'data' },
				{
					credentials: birdCredentials({ baseUrl: bird.url }),
					items: [binaryItem()],
				},
			);
			expect(bird.requests.map((r) => r.split(' ')[1].split('/').pop())).toEqual([
				'presigned-upload',
				'storage',
			]);
			// Storage never sees the access key.
			expect(bird.authorizations).toEqual([`AccessKey ${TEST_ACCESS_KEY}`, undefined]);
			expect(result.error?.message).toBe(
				`Uploading "data" failed at step 2 (storage upload): Lost the connection to storage at ${bird.url} before it answered`,
			);
			expect(result.error?.description).toMatch(
				/No message was sent \(that happens after the upload\), so running this item again is safe\.$/,
			);
		} finally {
			await bird.close();
		}
	});
});

describe('against the sandbox: Bird processed the write, then the answer was cut off', () => {
	const sb = useSandbox();
	beforeEach(async () => {
		await axios.post(`${sb.url}/_sandbox/reset`, { seed: 'demo' });
	});

	it('a create is not sent again: the conversation exists exactly once', async () => {
		await axios.post(`${sb.url}/_sandbox/faults`, { dropNext: 1 });
		const result = await sb.run({ ...create, name: 'Answer lost' });
		expect(result.error?.message).toBe(
			`Lost the connection to Bird at ${sb.url} before it answered: the conversation may have been created`,
		);
		expect(sleeps).toEqual([]);
		// Bird (the sandbox) did create it; a retry would have made a second one.
		expect(
			sb.context.store.data.conversations.filter((c) => c.name === 'Answer lost'),
		).toHaveLength(1);
	});

	it('a send is not sent again: Bird holds exactly one new message, and the error says it may exist', async () => {
		const target = DEMO.conversations.johnWhatsapp;
		const count = () =>
			sb.context.store.data.messages.filter((m) => m.conversationId === target).length;
		const before = count();
		await axios.post(`${sb.url}/_sandbox/faults`, { dropNext: 1 });
		const { error } = await sb.run({
			...send({ additionalFields: { reference: 'exactly-once' } }),
			conversationId: locator(target),
			text: 'Sent exactly once',
		});
		expect(error?.message).toMatch(
			/^Lost the connection to Bird at http:\/\/127\.0\.0\.1:\d+ before it answered: the message may have been created$/,
		);
		expect(error?.description).toContain('look for the reference "exactly-once"');
		expect(count()).toBe(before + 1);
		const sent = sb.context.store.data.messages.filter(
			(m) => (m.body as { text?: { text?: string } })?.text?.text === 'Sent exactly once',
		);
		expect(sent).toHaveLength(1);
		expect(sent[0].reference).toBe('exactly-once');
	});
});

describe('the trigger’s lifecycle', () => {
	let sb: Sandbox;
	const requests: string[] = [];
	beforeAll(async () => {
		sb = await startTriggerSandbox();
		sb.app.server.on('request', (request: IncomingMessage) => {
			if (request.url?.includes('/webhook-subscriptions'))
				requests.push(`${request.method} ${request.url}`);
		});
	});
	afterAll(async () => sb.close());
	beforeEach(async () => {
		await axios.post(`${sb.url}/_sandbox/reset`, { seed: 'demo' });
		requests.length = 0;
	});

	it('checkExists repeats the subscription GET whose connection broke, and finds the subscription', async () => {
		const w = triggerWorld(sandboxCredentials(sb));
		await w.activate();
		requests.length = 0;
		await axios.post(`${sb.url}/_sandbox/faults`, { dropNext: 1 });
		expect(await w.hook('checkExists')).toBe(true);
		const gets = requests.filter((r) => r.startsWith('GET ') && !r.includes('?'));
		expect(gets).toHaveLength(2);
		expect(new Set(gets).size).toBe(1);
		expect(sleeps).toHaveLength(1);
	});

	it('Download Media repeats a media GET whose connection was reset, and the file arrives', async () => {
		const media = await flakyServer(
			({ count }) => count === 1,
			() => ({ status: 200, body: { png: true } }),
		);
		try {
			const w = triggerWorld(sandboxCredentials(sb), {
				events: ['message.inbound'],
				resolveConversation: false,
				options: { downloadMedia: true },
			});
			await w.activate();
			const registrations = w.nodeStaticData().registrations as Record<
				string,
				{ subscriptions: Array<{ signingKey: string }> }
			>;
			const key = Object.values(registrations)[0].subscriptions[0].signingKey;
			const rawBody = Buffer.from(
				JSON.stringify({
					service: 'channels',
					event: 'whatsapp.inbound',
					payload: {
						id: 'm-reset',
						channelId: DEMO.channels.whatsapp,
						direction: 'incoming',
						sender: { contact: { id: DEMO.contacts.john.id } },
						body: { type: 'image', image: { images: [{ mediaUrl: `${media.url}/photo.png` }] } },
					},
				}),
			);
			sleeps.length = 0;
			const outcome = await w.deliver({
				rawBody,
				headers: birdDeliveryHeaders(key, w.url('production'), rawBody),
			});
			expect(outcome.items[0].mediaErrors).toBeUndefined();
			expect(outcome.binaries[0]?.data).toMatchObject({ fileName: 'photo.png' });
			expect(media.requests).toEqual(['GET /photo.png', 'GET /photo.png']);
			// A third-party host never sees the key, on the retry either.
			expect(media.authorizations).toEqual([undefined, undefined]);
			expect(sleeps).toHaveLength(1);
		} finally {
			await media.close();
		}
	});

	it('a subscription POST whose connection broke is not repeated, and the error says it may exist', async () => {
		const bird = await flakyServer(
			({ method }) => method === 'POST',
			() => ({ status: 200, body: { results: [] } }),
		);
		try {
			const w = triggerWorld({ ...sandboxCredentials(sb), baseUrl: bird.url });
			await expect(w.activate()).rejects.toThrow(
				`Could not subscribe to "conversation.created": Lost the connection to Bird at ${bird.url} before it answered: the webhook subscription may have been created`,
			);
			expect(bird.requests.filter((r) => r.startsWith('POST '))).toHaveLength(1);
			expect(sleeps).toEqual([]);
		} finally {
			await bird.close();
		}
	});
});

/**
 * The retry policy on Bird's answers (nodes/shared/transport.ts birdRequest), with mocked Bird, for each caller
 * of the one request path: the executor (declarative operations, single requests and pages), Message → Send,
 * the two upload steps, and the conversation picker. 429 and 5xx are retried up to Max Retries, waiting as
 * Retry-After says or backing off; a 2xx is never repeated; nothing else is retried.
 *
 * Merged from the retry parts of errors.test.ts, message-send-once.test.ts and message-upload-retry.test.ts.
 * Waits are recorded, not slept (./support), so every test counts attempts and chosen delays.
 */
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	birdFixture,
	callListSearch,
	guardNock,
	locator,
	mockBird,
	runBirdNode,
	TEST_BASE_URL,
	WORKSPACE_PATH,
} from '../../harness';
import { binaryItem, CONVERSATION_ID, conversation, create, get } from './fixtures';
import { sleeps } from './support';

jest.mock('n8n-workflow', () => jest.requireActual('./support').withRecordedSleep());

const ONE = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`;
const CONVERSATIONS = `${WORKSPACE_PATH}/conversations`;
/** Bird with the run's key: every request of the path carries the header the caller built once. */
const bird = mockBird;

guardNock();
beforeEach(() => {
	sleeps.length = 0;
});

describe('declarative operations (the executor)', () => {
	it('429 then success: retried once, waiting as Retry-After says', async () => {
		bird()
			.get(ONE)
			.reply(429, { code: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '2' })
			.get(ONE)
			.reply(200, conversation);
		const { error, json } = await runBirdNode(get);
		expect(error).toBeUndefined();
		expect(json).toEqual([conversation]);
		expect(sleeps).toEqual([2000]);
	});

	it('honours Retry-After given as an HTTP date', async () => {
		const at = new Date(Date.now() + 30_000).toUTCString();
		nock(TEST_BASE_URL)
			.get(ONE)
			.reply(503, {}, { 'Retry-After': at })
			.get(ONE)
			.reply(200, conversation);
		const { error } = await runBirdNode(get);
		expect(error).toBeUndefined();
		expect(sleeps).toHaveLength(1);
		expect(sleeps[0]).toBeGreaterThan(25_000);
		expect(sleeps[0]).toBeLessThanOrEqual(30_000);
	});

	it('500 exhausted: 1 try + 3 retries (the default) with exponential backoff, then the error', async () => {
		nock(TEST_BASE_URL).get(ONE).times(4).reply(500, { code: 'InternalError', message: 'boom' });
		const { error } = await runBirdNode(get);
		expect(error?.message).toBe('Bird had a server error (500)');
		expect(error?.description).toContain('InternalError');
		expect(sleeps).toHaveLength(3);
		// Full-jitter backoff: attempt n waits between half and all of 500 ms × 2^(n-1).
		[500, 1000, 2000].forEach((ceiling, i) => {
			expect(sleeps[i]).toBeGreaterThanOrEqual(ceiling / 2);
			expect(sleeps[i]).toBeLessThanOrEqual(ceiling);
		});
	});

	it('Max Retries bounds the tries (option 1 → two requests), and 0 turns retries off', async () => {
		nock(TEST_BASE_URL).get(ONE).times(2).reply(502, {});
		const one = await runBirdNode({ ...get, options: { maxRetries: 1 } });
		expect(one.error?.message).toMatch(/502/);
		expect(sleeps).toHaveLength(1);

		sleeps.length = 0;
		nock(TEST_BASE_URL).get(ONE).reply(429, {});
		const none = await runBirdNode({ ...get, options: { maxRetries: 0 } });
		expect(none.error?.message).toMatch(/429/);
		expect(sleeps).toEqual([]);
	});

	it('retries a POST after 503 but never repeats one Bird answered 2xx', async () => {
		let posts = 0;
		const scope = bird()
			.post(CONVERSATIONS)
			.reply(() => {
				posts++;
				return [503, {}];
			})
			.post(CONVERSATIONS)
			.reply(() => {
				posts++;
				return [201, conversation];
			});
		// A third answer is ready; it must stay unused.
		const spare = nock(TEST_BASE_URL).post(CONVERSATIONS).reply(201, { id: 'duplicate' });
		const { error, json } = await runBirdNode(create);
		expect(error).toBeUndefined();
		expect(json).toEqual([conversation]);
		expect(posts).toBe(2);
		expect(scope.isDone()).toBe(true);
		expect(spare.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('Return All retries a failed page and goes on from the same token', async () => {
		bird()
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(200, { results: [conversation], nextPageToken: 'p2' })
			.get(CONVERSATIONS)
			.query({ limit: '100', pageToken: 'p2' })
			.reply(429, {}, { 'Retry-After': '1' })
			.get(CONVERSATIONS)
			.query({ limit: '100', pageToken: 'p2' })
			.reply(200, { results: [{ ...conversation, id: 'second' }] });
		const { error, json } = await runBirdNode({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(json.map((c) => c.id)).toEqual([CONVERSATION_ID, 'second']);
		expect(sleeps).toEqual([1000]);
	});
});

describe('Message → Send (coded): never repeated after Bird took the message', () => {
	const SEND_CONVERSATION = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
	const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${SEND_CONVERSATION}/messages`;
	const send = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'message',
		operation: 'send',
		conversationId: locator(SEND_CONVERSATION),
		senderId: '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c',
		messageType: 'text',
		text: 'Only once',
		...extra,
	});
	const created = (body: IDataObject) => ({
		id: '0c854061-6026-48c7-a2e8-bffb6458727b',
		status: 'accepted',
		draft: false,
		...body,
	});

	it('429 then 201: sent again after the wait, and Bird receives the created message once', async () => {
		const accepted: IDataObject[] = [];
		bird()
			.post(MESSAGES_PATH)
			.reply(429, { code: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '3' })
			.post(MESSAGES_PATH)
			.reply(201, (_uri, body) => {
				accepted.push(body as IDataObject);
				return created(body as IDataObject);
			});
		const { error, json } = await runBirdNode(send());
		expect(error).toBeUndefined();
		expect(accepted).toHaveLength(1);
		expect(sleeps).toEqual([3000]);
		expect(json).toEqual([
			expect.objectContaining({
				status: 'accepted',
				body: { type: 'text', text: { text: 'Only once' } },
			}),
		]);
	});

	it('a 201 is final: two input items make exactly two requests, even when the first answer is slow', async () => {
		let requests = 0;
		bird()
			.post(MESSAGES_PATH)
			.times(2)
			.delay(50)
			.reply(201, (_uri, body) => {
				requests++;
				return created(body as IDataObject);
			});
		const { error, json } = await runBirdNode(send({ text: '={{ $json.t }}' }), {
			items: [{ t: 'a' }, { t: 'b' }],
		});
		expect(error).toBeUndefined();
		expect(requests).toBe(2);
		expect(sleeps).toEqual([]);
		expect(json.map((m) => (m.body as { text: { text: string } }).text.text).sort()).toEqual([
			'a',
			'b',
		]);
	});

	it('5xx until Max Retries is exhausted: Max Retries + 1 attempts, then the server error', async () => {
		nock(TEST_BASE_URL)
			.post(MESSAGES_PATH)
			.times(3)
			.reply(503, { code: 'ServiceUnavailable', message: 'try later' }, { 'Retry-After': '0' });
		const { error } = await runBirdNode(send({ options: { maxRetries: 2 } }));
		expect(error?.message).toBe('Bird had a server error (503)');
		expect(error?.description).toContain('ServiceUnavailable — try later');
		expect(sleeps).toEqual([0, 0]);
	});

	it('Max Retries 0 sends once and reports the 429', async () => {
		nock(TEST_BASE_URL)
			.post(MESSAGES_PATH)
			.once()
			.reply(429, { code: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '0' });
		const { error } = await runBirdNode(send({ options: { maxRetries: 0 } }));
		expect(error?.message).toMatch(/429/);
		expect(sleeps).toEqual([]);
	});
});

describe('Send from Binary Data: both upload steps follow the same policy', () => {
	const UPLOAD_CONVERSATION = '02ec2ac2-ebec-42d3-a5f4-e6f3a9edf418';
	const CONVERSATION_PATH = `${WORKSPACE_PATH}/conversations/${UPLOAD_CONVERSATION}`;
	const form = birdFixture('presigned-upload');
	const parameters = (maxRetries?: number) => ({
		resource: 'message',
		operation: 'send',
		conversationId: locator(UPLOAD_CONVERSATION),
		senderId: '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c',
		messageType: 'image',
		mediaSource: 'binary',
		binaryPropertyName: 'data',
		...(maxRetries === undefined ? {} : { options: { maxRetries } }),
	});
	const items = [binaryItem('png-bytes')];
	/** Storage must never see the access key: the form carries its own credentials. */
	const storage = () => nock(String(form.uploadUrl), { badheaders: ['authorization'] });

	it('a 429 (Retry-After 0) and a 503 on step 1 are retried, then the upload and the message go out once', async () => {
		const steps: string[] = [];
		bird()
			.post(`${CONVERSATION_PATH}/presigned-upload`)
			.reply(429, { code: 'TooManyRequests', message: 'slow down' }, { 'Retry-After': '0' });
		bird()
			.post(`${CONVERSATION_PATH}/presigned-upload`)
			.reply(503, { code: 'Unavailable', message: 'try again' }, { 'Retry-After': '0' });
		bird()
			.post(`${CONVERSATION_PATH}/presigned-upload`, { contentType: 'image/png' })
			.reply(200, () => {
				steps.push('presign');
				return form;
			});
		storage()
			.post('/')
			.reply(204, () => {
				steps.push('upload');
				return '';
			});
		bird()
			.post(`${CONVERSATION_PATH}/messages`)
			.reply(201, (_uri, body) => {
				steps.push('message');
				return { ...birdFixture('message.create'), body: (body as IDataObject).body };
			});

		const result = await runBirdNode(parameters(), { items });
		expect(result.error).toBeUndefined();
		expect(steps).toEqual(['presign', 'upload', 'message']);
		expect(sleeps).toEqual([0, 0]);
		expect(
			(result.json[0].body as { text: { attachments: IDataObject[] } }).text.attachments[0]
				.mediaUrl,
		).toBe(form.mediaUrl);
	});

	it('Max Retries 0: the first 500 on step 1 is the error, named by its step; nothing is uploaded or sent', async () => {
		bird()
			.post(`${CONVERSATION_PATH}/presigned-upload`)
			.once()
			.reply(500, { code: 'InternalError', message: 'boom' });
		const result = await runBirdNode(parameters(0), { items });
		expect(result.error?.message).toBe(
			'Uploading "data" failed at step 1 (pre-signed upload): Bird had a server error (500)',
		);
	});

	it('a 503 SlowDown from storage on step 2 is retried with the same form and file; one message is sent', async () => {
		const steps: string[] = [];
		const uploads: string[] = [];
		bird()
			.post(`${CONVERSATION_PATH}/presigned-upload`)
			.once()
			.reply(200, () => {
				steps.push('presign');
				return form;
			});
		// S3 sends no Retry-After with SlowDown: the node's own backoff applies (at most 0.5 s for the first retry).
		storage()
			.post('/', (body: string) => uploads.push(String(body)) > 0)
			.reply(503, () => {
				steps.push('upload 503');
				return '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
			});
		storage()
			.post('/', (body: string) => uploads.push(String(body)) > 0)
			.reply(204, () => {
				steps.push('upload 204');
				return '';
			});
		bird()
			.post(`${CONVERSATION_PATH}/messages`)
			.once()
			.reply(201, (_uri, body) => {
				steps.push('message');
				return { ...birdFixture('message.create'), body: (body as IDataObject).body };
			});

		const result = await runBirdNode(parameters(), { items });
		expect(result.error).toBeUndefined();
		expect(steps).toEqual(['presign', 'upload 503', 'upload 204', 'message']);
		expect(sleeps).toHaveLength(1);
		expect(sleeps[0]).toBeLessThanOrEqual(500);
		expect(uploads).toHaveLength(2);
		// The retry carried the same multipart form (boundary, policy fields and bytes), not a rebuilt one.
		expect(uploads[1]).toBe(uploads[0]);
		expect(result.json).toHaveLength(1);
	});

	it('Max Retries 0: a 503 on step 2 is the error, named by its step; no message is sent', async () => {
		bird().post(`${CONVERSATION_PATH}/presigned-upload`).once().reply(200, form);
		storage().post('/').once().reply(503, '<Error><Code>SlowDown</Code></Error>');
		const result = await runBirdNode(parameters(0), { items });
		expect(result.error?.message).toBe(
			'Uploading "data" failed at step 2 (storage upload answered 503)',
		);
		expect(result.error?.description).toContain('SlowDown');
	});
});

describe('the conversation picker (listSearch) uses the same path', () => {
	it('a 503 is retried with the run’s key, and the page arrives', async () => {
		bird()
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(503, { code: 'ServiceUnavailable', message: 'later' }, { 'Retry-After': '1' })
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(200, { results: [conversation] });
		const page = await callListSearch('searchConversations');
		expect(page.results).toEqual([{ name: `Ticket (${CONVERSATION_ID})`, value: CONVERSATION_ID }]);
		expect(sleeps).toEqual([1000]);
	});

	it('a 401 is Bird’s error text, not n8n’s raw one, and is not retried', async () => {
		bird()
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.once()
			.reply(401, { code: 'Unauthorized', message: 'Invalid access key' });
		await expect(callListSearch('searchConversations')).rejects.toThrow(
			'Bird rejected the access key (401)',
		);
		expect(sleeps).toEqual([]);
	});
});

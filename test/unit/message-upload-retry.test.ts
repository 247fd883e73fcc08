import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import {
	birdFixture,
	runBirdNode,
	TEST_ACCESS_KEY,
	TEST_BASE_URL,
	WORKSPACE_PATH,
} from '../harness';

/**
 * Steps 1 (pre-signed upload form) and 2 (the file to storage) of the binary upload follow the node's retry
 * policy like every other Bird call: a 429 or 5xx is asked again up to Max Retries, and the message is sent
 * only once.
 */

const CONVERSATION_ID = '02ec2ac2-ebec-42d3-a5f4-e6f3a9edf418';
const CONVERSATION_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`;
const bird = () =>
	nock(TEST_BASE_URL, { reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` } });
const form = birdFixture('presigned-upload');
const parameters = (maxRetries?: number) => ({
	resource: 'message',
	operation: 'send',
	conversationId: { __rl: true, mode: 'id', value: CONVERSATION_ID },
	senderId: '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c',
	messageType: 'image',
	mediaSource: 'binary',
	binaryPropertyName: 'data',
	...(maxRetries === undefined ? {} : { options: { maxRetries } }),
});
const items = [
	{
		json: {},
		binary: {
			data: {
				data: Buffer.from('png-bytes').toString('base64'),
				mimeType: 'image/png',
				fileName: 'a.png',
			},
		},
	},
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});
afterAll(() => nock.enableNetConnect());

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
	nock(String(form.uploadUrl))
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
	expect(
		(result.json[0].body as { text: { attachments: IDataObject[] } }).text.attachments[0].mediaUrl,
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
	nock(String(form.uploadUrl))
		.post('/', (body: string) => uploads.push(String(body)) > 0)
		.reply(503, () => {
			steps.push('upload 503');
			return '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
		});
	nock(String(form.uploadUrl))
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
	expect(uploads).toHaveLength(2);
	// The retry carried the same multipart form (boundary, policy fields and bytes), not a rebuilt one.
	expect(uploads[1]).toBe(uploads[0]);
	expect(result.json).toHaveLength(1);
});

it('Max Retries 0: a 503 on step 2 is the error, named by its step; no message is sent', async () => {
	bird().post(`${CONVERSATION_PATH}/presigned-upload`).once().reply(200, form);
	nock(String(form.uploadUrl)).post('/').once().reply(503, '<Error><Code>SlowDown</Code></Error>');
	const result = await runBirdNode(parameters(0), { items });
	expect(result.error?.message).toBe(
		'Uploading "data" failed at step 2 (storage upload answered 503)',
	);
});

/**
 * Options → Oldest First. Bird documents neither its default list order nor what `reverse` reverses
 * (docs/bird-api.md §1.4, §3.4, §4.4). The sandbox lists newest first (Bird's examples); here a mocked Bird
 * does the opposite — oldest first by default, so `reverse=true` answers newest first — and the output must
 * still come oldest first, across pages, with or without Simplify.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import {
	birdFixture,
	guardNock,
	locator,
	runBirdNode,
	TEST_BASE_URL,
	WORKSPACE_PATH,
} from '../../harness';

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const conversationId = locator(CONVERSATION_ID);
const MESSAGES = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;
const CONVERSATIONS = `${WORKSPACE_PATH}/conversations`;
const PARTICIPANTS = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/participants`;

/** Messages m1…m4, created a minute apart, m1 oldest. */
const messages = [1, 2, 3, 4].map((n) => ({
	id: `m${n}`,
	conversationId: CONVERSATION_ID,
	status: 'delivered',
	sender: { id: 'c1', type: 'contact' },
	body: { type: 'text', text: { text: `message ${n}` } },
	createdAt: `2024-11-25T20:1${n}:00.000Z`,
	updatedAt: `2024-11-25T20:1${n}:00.000Z`,
}));
const newestFirst = [...messages].reverse();
const ids = (json: IDataObject[]) => json.map((m) => m.id);

const unmatched = guardNock();
afterEach(() => expect(unmatched).toEqual([]));

describe('Message → Get Many against a Bird that lists oldest first by default', () => {
	it('Oldest First: reverse=true comes back newest first over two pages; the output is oldest first as a whole', async () => {
		nock(TEST_BASE_URL)
			.get(MESSAGES)
			.query({ limit: '100', reverse: 'true' })
			.reply(200, { results: newestFirst.slice(0, 2), nextPageToken: 'p2' })
			.get(MESSAGES)
			.query({ limit: '100', reverse: 'true', pageToken: 'p2' })
			.reply(200, { results: newestFirst.slice(2) });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'getAll',
			conversationId,
			returnAll: true,
			options: { reverse: true },
		});
		expect(result.error).toBeUndefined();
		expect(ids(result.json)).toEqual(['m1', 'm2', 'm3', 'm4']);
	});

	it('with a Limit, the items picked are the first ones Bird returns (here the newest two), still output oldest first', async () => {
		nock(TEST_BASE_URL)
			.get(MESSAGES)
			.query({ limit: '2', reverse: 'true' })
			.reply(200, { results: newestFirst.slice(0, 2), nextPageToken: 'p2' });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'getAll',
			conversationId,
			limit: 2,
			options: { reverse: true },
		});
		expect(ids(result.json)).toEqual(['m3', 'm4']);
	});

	it('sorts before Simplify, so the flat messages come oldest first too', async () => {
		nock(TEST_BASE_URL)
			.get(MESSAGES)
			.query({ limit: '50', reverse: 'true' })
			.reply(200, { results: newestFirst });
		const result = await runBirdNode({
			resource: 'message',
			operation: 'getAll',
			conversationId,
			options: { reverse: true, simplify: true },
		});
		expect(result.json.map((m) => m.text)).toEqual([
			'message 1',
			'message 2',
			'message 3',
			'message 4',
		]);
		expect(result.json[0]).not.toHaveProperty('body');
	});

	it('without Oldest First, neither reverse is sent nor the output reordered: Bird’s order as it came', async () => {
		nock(TEST_BASE_URL).get(MESSAGES).query({ limit: '50' }).reply(200, { results: messages });
		const result = await runBirdNode({ resource: 'message', operation: 'getAll', conversationId });
		expect(ids(result.json)).toEqual(['m1', 'm2', 'm3', 'm4']);
	});
});

describe('Oldest First on the conversation and participant lists', () => {
	const conversations = [1, 2, 3].map((n) => ({
		...birdFixture('conversation.get'),
		id: `c${n}`,
		createdAt: `2024-11-2${n}T10:00:00.000Z`,
	}));

	it('Conversation → Get Many: output oldest conversation first whatever order reverse=true gives', async () => {
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '50', reverse: 'true' })
			.reply(200, { results: [conversations[2], conversations[0], conversations[1]] });
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getAll',
			options: { reverse: true, simplify: true },
		});
		expect(ids(result.json)).toEqual(['c1', 'c2', 'c3']);
	});

	it('Participant → Get Many: sorted by createdAt when Bird sends one; undated participants keep Bird’s order, after the dated ones', async () => {
		const participants = [
			{ id: 'undated-a', type: 'accessKey' },
			{ id: 'new', type: 'contact', createdAt: '2024-11-25T10:00:00.000Z' },
			{ id: 'undated-b', type: 'user' },
			{ id: 'old', type: 'contact', createdAt: '2024-11-20T10:00:00.000Z' },
		];
		nock(TEST_BASE_URL)
			.get(PARTICIPANTS)
			.query({ limit: '50', reverse: 'true' })
			.reply(200, { results: participants });
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'getAll',
			conversationId,
			options: { reverse: true },
		});
		expect(ids(result.json)).toEqual(['old', 'new', 'undated-a', 'undated-b']);
	});
});

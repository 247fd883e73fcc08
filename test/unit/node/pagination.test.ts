import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import {
	birdFixture,
	DEMO_IDS,
	guardNock,
	runBirdNode,
	TEST_BASE_URL,
	WORKSPACE_PATH,
} from '../../harness';

const CONVERSATIONS = `${WORKSPACE_PATH}/conversations`;

/** `count` distinct conversations shaped like Bird's documented example. */
function conversations(count: number, offset = 0): IDataObject[] {
	const template = birdFixture('conversation.get');
	return Array.from({ length: count }, (_, i) => {
		const n = offset + i;
		return {
			...template,
			id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
			name: `Conversation ${n}`,
		};
	});
}

guardNock();

describe('Return All', () => {
	it('follows nextPageToken across three pages asking for 100 each, one item per conversation', async () => {
		const all = conversations(250);
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(200, { results: all.slice(0, 100), nextPageToken: 'page-2' })
			.get(CONVERSATIONS)
			.query({ limit: '100', pageToken: 'page-2' })
			.reply(200, { results: all.slice(100, 200), nextPageToken: 'page-3' })
			.get(CONVERSATIONS)
			.query({ limit: '100', pageToken: 'page-3' })
			.reply(200, { results: all.slice(200), nextPageToken: '' });

		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(250);
		expect(result.json.map((c) => c.id)).toEqual(all.map((c) => c.id));
		expect(result.json[0]).toEqual(all[0]);
	});

	it('applies Simplify to the items of every page', async () => {
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(200, { results: conversations(1), nextPageToken: 't2' })
			.get(CONVERSATIONS)
			.query({ limit: '100', pageToken: 't2' })
			.reply(200, { results: conversations(1, 1) });
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
			options: { simplify: true },
		});
		expect(result.json.map((c) => c.name)).toEqual(['Conversation 0', 'Conversation 1']);
		for (const item of result.json) expect(item).not.toHaveProperty('featuredParticipants');
	});

	it('stops instead of looping when a page hands back a token it already gave', async () => {
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(200, { results: conversations(1), nextPageToken: 'same' })
			.get(CONVERSATIONS)
			.query({ limit: '100', pageToken: 'same' })
			.reply(200, { results: conversations(1, 1), nextPageToken: 'same' });
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: true,
		});
		expect(result.json).toHaveLength(2);
	});

	it('keeps the filters on every page (participant conversations)', async () => {
		const path = `${WORKSPACE_PATH}/participants/emailaddress/jane.doe%40example.com/conversations`;
		const filters = { channelId: DEMO_IDS.channels.email, status: 'closed' };
		nock(TEST_BASE_URL)
			.get(path)
			.query({ ...filters, limit: '100' })
			.reply(200, { results: conversations(2), nextPageToken: 'p2' })
			.get(path)
			.query({ ...filters, limit: '100', pageToken: 'p2' })
			.reply(200, { results: conversations(1, 2) });
		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getManyByParticipant',
			lookupBy: 'identifier',
			identifierKey: 'emailaddress',
			identifierValue: 'jane.doe@example.com',
			channelId: DEMO_IDS.channels.email,
			filters: { status: 'closed' },
			returnAll: true,
		});
		expect(result.json).toHaveLength(3);
	});
});

describe('Limit', () => {
	it('crossing a page boundary asks only for what is still needed and stops early', async () => {
		const all = conversations(200);
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(200, { results: all.slice(0, 100), nextPageToken: 'page-2' })
			.get(CONVERSATIONS)
			.query({ limit: '30', pageToken: 'page-2' })
			.reply(200, { results: all.slice(100, 130), nextPageToken: 'page-3' });
		// No third request: page-3 is never asked for (afterEach would also catch an unexpected call).

		const result = await runBirdNode({
			resource: 'conversation',
			operation: 'getAll',
			returnAll: false,
			limit: 130,
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((c) => c.id)).toEqual(all.slice(0, 130).map((c) => c.id));
	});

	it('asks again for the rest when Bird returns a short page', async () => {
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '30' })
			.reply(200, { results: conversations(20), nextPageToken: 'p2' })
			.get(CONVERSATIONS)
			.query({ limit: '10', pageToken: 'p2' })
			.reply(200, { results: conversations(10, 20), nextPageToken: 'p3' });
		const result = await runBirdNode({ resource: 'conversation', operation: 'getAll', limit: 30 });
		expect(result.json).toHaveLength(30);
	});

	it('never returns more than the Limit even if Bird sends more', async () => {
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '3' })
			.reply(200, { results: conversations(5), nextPageToken: 'x' });
		const result = await runBirdNode({ resource: 'conversation', operation: 'getAll', limit: 3 });
		expect(result.json).toHaveLength(3);
	});

	it('runs once per input item, as every declarative n8n node does', async () => {
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '2' })
			.times(2)
			.reply(200, { results: conversations(2) });
		const result = await runBirdNode(
			{ resource: 'conversation', operation: 'getAll', limit: 2 },
			{ items: [{ a: 1 }, { a: 2 }] },
		);
		expect(result.json).toHaveLength(4);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			expect.objectContaining({ item: 0 }),
			expect.objectContaining({ item: 0 }),
			expect.objectContaining({ item: 1 }),
			expect.objectContaining({ item: 1 }),
		]);
	});
});

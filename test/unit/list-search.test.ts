/**
 * The conversation picker (resource locator "From List"): what the editor shows and how it pages, called
 * through a real LoadOptionsContext — against mocked Bird answers and against the sandbox's demo data.
 */
import nock from 'nock';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import { DEMO } from '../../sandbox/seed';
import { birdFixture, callListSearch, TEST_ACCESS_KEY, TEST_BASE_URL, WORKSPACE_PATH } from '../harness';

const CONVERSATIONS = `${WORKSPACE_PATH}/conversations`;
const bird = () => nock(TEST_BASE_URL, { reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` } });

/** A conversation as Bird lists it, with a contact among its featured participants. */
function conversation(id: string, name: string, contact?: { displayName?: string; identifierValue?: string }) {
	return {
		id,
		name,
		status: 'active',
		featuredParticipants: [
			{ id: DEMO.accessKey.id, type: 'accessKey', displayName: 'Demo access key' },
			...(contact
				? [{ id: 'c1', type: 'contact', displayName: contact.displayName ?? '', contact: { identifierKey: 'phonenumber', identifierValue: contact.identifierValue ?? '' } }]
				: []),
		],
	};
}

describe('conversation picker against mocked Bird', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	afterAll(() => nock.enableNetConnect());

	it("asks for 100 per page and lists Bird's documented page as \"name (id)\", passing the next page token on", async () => {
		const page = birdFixture('conversation.list');
		bird().get(CONVERSATIONS).query({ limit: '100' }).reply(200, page);
		const result = await callListSearch('searchConversations');
		expect(result).toEqual({
			results: [
				{ name: 'My second conversation (8a36bdfa-5b5c-488d-9f55-605413adc675)', value: '8a36bdfa-5b5c-488d-9f55-605413adc675' },
				{ name: 'My first conversation (aaf0ceff-de0d-4a63-b624-ae9bf0354912)', value: 'aaf0ceff-de0d-4a63-b624-ae9bf0354912' },
			],
			paginationToken: 'WyJ3b3Jrc3BhY2...',
		});
	});

	it('fetches the next page with the token the editor hands back, and reports the last page without a token', async () => {
		bird()
			.get(CONVERSATIONS)
			.query({ limit: '100', pageToken: 'page-2' })
			.reply(200, { results: [conversation('2b000000-0000-4000-8000-000000000001', 'Second page')], nextPageToken: '' });
		const result = await callListSearch('searchConversations', undefined, 'page-2');
		expect(result.results).toEqual([{ name: 'Second page (2b000000-0000-4000-8000-000000000001)', value: '2b000000-0000-4000-8000-000000000001' }]);
		expect(result.paginationToken).toBeUndefined();
	});

	it('labels an unnamed conversation by its contact: display name, else identifier, else "Unnamed conversation"', async () => {
		bird()
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(200, {
				results: [
					conversation('3c000000-0000-4000-8000-000000000001', '', { displayName: 'John Doe', identifierValue: '+31612345678' }),
					conversation('3c000000-0000-4000-8000-000000000002', '', { identifierValue: '+34600111222' }),
					conversation('3c000000-0000-4000-8000-000000000003', ''),
				],
			});
		const { results } = await callListSearch('searchConversations');
		expect(results.map((row) => row.name)).toEqual([
			'John Doe (3c000000-0000-4000-8000-000000000001)',
			'+34600111222 (3c000000-0000-4000-8000-000000000002)',
			'Unnamed conversation (3c000000-0000-4000-8000-000000000003)',
		]);
	});

	it('filters the page by the search text, case-insensitively, on the label (name, contact or ID)', async () => {
		const page = {
			results: [
				conversation('4d000000-0000-4000-8000-000000000001', 'Order 123'),
				conversation('4d000000-0000-4000-8000-000000000002', '', { displayName: 'John Doe' }),
				conversation('4d000000-0000-4000-8000-0000000000ff', 'Refund'),
			],
			nextPageToken: 'more',
		};
		bird().get(CONVERSATIONS).query({ limit: '100' }).times(3).reply(200, page);
		expect((await callListSearch('searchConversations', 'ORDER')).results.map((row) => row.value)).toEqual(['4d000000-0000-4000-8000-000000000001']);
		expect((await callListSearch('searchConversations', ' john ')).results.map((row) => row.value)).toEqual(['4d000000-0000-4000-8000-000000000002']);
		const byId = await callListSearch('searchConversations', '0000ff');
		expect(byId.results.map((row) => row.value)).toEqual(['4d000000-0000-4000-8000-0000000000ff']);
		// Bird cannot search by name, so a filtered page still offers the next one.
		expect(byId.paginationToken).toBe('more');
	});

	it('a rejected key becomes an error that names the access key and never shows it', async () => {
		bird().get(CONVERSATIONS).query({ limit: '100' }).reply(401, { code: 'Unauthorized', message: 'Invalid access key' });
		const failure = await callListSearch('searchConversations').then(
			() => undefined,
			(error: Error & { description?: string }) => error,
		);
		expect(failure?.message).toMatch(/access key/i);
		expect(`${failure?.message} ${failure?.description}`).not.toContain(TEST_ACCESS_KEY);
	});
});

describe('conversation picker against the sandbox', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ host: '127.0.0.1', port: 0, seed: 'demo', rateLimits: false });
	});
	afterAll(async () => sb.close());

	it("lists the demo workspace's conversations, unnamed ones by their contact", async () => {
		const { results, paginationToken } = await callListSearch('searchConversations', undefined, undefined, {
			accessKey: DEMO.accessKey.secret,
			baseUrl: sb.url,
		});
		expect(paginationToken).toBeUndefined();
		expect(results).toEqual(
			expect.arrayContaining([
				{ name: `John Doe (${DEMO.conversations.johnWhatsapp})`, value: DEMO.conversations.johnWhatsapp },
				{ name: `Invoice question (${DEMO.conversations.janeEmail})`, value: DEMO.conversations.janeEmail },
				{ name: `Maria Garcia (${DEMO.conversations.mariaSmsClosed})`, value: DEMO.conversations.mariaSmsClosed },
			]),
		);
		expect(results).toHaveLength(3);
	});

	it('a key of another workspace is refused with a 403 that says so', async () => {
		const failure = await callListSearch('searchConversations', undefined, undefined, {
			accessKey: DEMO.otherAccessKey.secret,
			baseUrl: `${sb.url}/`,
		}).then(
			() => undefined,
			(error: Error) => error,
		);
		expect(failure?.message).toMatch(/403/);
		expect(failure?.message).not.toContain(DEMO.otherAccessKey.secret);
	});
});

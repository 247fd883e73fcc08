import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { DEMO } from '../../../sandbox/seed';
import {
	birdFixture,
	callListSearch,
	guardNock,
	TEST_ACCESS_KEY,
	TEST_BASE_URL,
	WORKSPACE_PATH,
	useSandbox,
} from '../../harness';

const CONVERSATIONS = `${WORKSPACE_PATH}/conversations`;

describe('conversation picker (listSearch.searchConversations) with mocked Bird', () => {
	guardNock();

	const named = birdFixture('conversation.get'); // name "test", a contact "Lucas De Mitri"
	const unnamedWithContact: IDataObject = {
		...named,
		id: '11111111-2222-4333-8444-555555555555',
		name: '',
		featuredParticipants: [
			{ id: 'k', type: 'accessKey', displayName: 'My key' },
			{
				id: 'c',
				type: 'contact',
				displayName: '',
				contact: { identifierKey: 'phonenumber', identifierValue: '+31612345678' },
			},
		],
	};

	it('labels rows "name (id)", falls back to the contact, and hands on nextPageToken', async () => {
		nock(TEST_BASE_URL, { reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` } })
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(200, { results: [named, unnamedWithContact], nextPageToken: 'next-page' });
		const page = await callListSearch('searchConversations');
		expect(page.results).toEqual([
			{ name: `test (${String(named.id)})`, value: named.id },
			{ name: `+31612345678 (${String(unnamedWithContact.id)})`, value: unnamedWithContact.id },
		]);
		expect(page.paginationToken).toBe('next-page');
	});

	it('asks for the next page with the token n8n passes back, and ends without a token on the last page', async () => {
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '100', pageToken: 'next-page' })
			.reply(200, { results: [named] });
		const page = await callListSearch('searchConversations', undefined, 'next-page');
		expect(page.results).toHaveLength(1);
		expect(page.paginationToken).toBeUndefined();
	});

	it('filters by the search text, case-insensitively, on name, contact and ID', async () => {
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.times(3)
			.reply(200, { results: [named, unnamedWithContact] });
		expect(
			(await callListSearch('searchConversations', 'TEST')).results.map((r) => r.value),
		).toEqual([named.id]);
		expect(
			(await callListSearch('searchConversations', '+3161')).results.map((r) => r.value),
		).toEqual([unnamedWithContact.id]);
		expect(
			(await callListSearch('searchConversations', '11111111-2222')).results.map((r) => r.value),
		).toEqual([unnamedWithContact.id]);
	});

	it('reports a wrong key as the access key’s fault', async () => {
		nock(TEST_BASE_URL)
			.get(CONVERSATIONS)
			.query({ limit: '100' })
			.reply(401, { code: 'Unauthorized', message: 'bad key' });
		await expect(callListSearch('searchConversations')).rejects.toThrow(/access key \(401\)/);
	});
});

describe('conversation picker against the sandbox', () => {
	const sb = useSandbox({ seed: 'demo' });

	it('lists the demo conversations with readable labels', async () => {
		const page = await callListSearch(
			'searchConversations',
			undefined,
			undefined,
			sb.credentials(),
		);
		const values = page.results.map((r) => r.value);
		for (const id of Object.values(DEMO.conversations)) expect(values).toContain(id);
		for (const row of page.results) expect(row.name).toMatch(/^.+ \([0-9a-f-]{36}\)$/);
	});

	it('finds John Doe’s conversation by searching for his name or number', async () => {
		const credentials = sb.credentials({ baseUrl: `${sb.url}/` });
		const byNumber = await callListSearch(
			'searchConversations',
			DEMO.contacts.john.identifierValue,
			undefined,
			credentials,
		);
		const byName = await callListSearch('searchConversations', 'john', undefined, credentials);
		expect(
			byNumber.results.map((r) => r.value).concat(byName.results.map((r) => r.value)),
		).toContain(DEMO.conversations.johnWhatsapp);
	});
});

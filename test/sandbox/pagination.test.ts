/**
 * Bird's cursor pagination (docs/bird-api.md §1.4) over 1,000 conversations, with conversations added between
 * pages: no original item is skipped or repeated, `nextPageToken` disappears on the last page, `reverse`
 * flips the order, and `limit` outside 1–100 is a 422.
 */
import { conversationsPath, DEMO, expectBirdError, start, type Started } from './support';

let s: Started;
const created: string[] = [];

beforeAll(async () => {
	s = await start({ seed: 'empty' });
	// Sequential creation keeps creation order = request order; 1,000 in-process requests take about a second.
	for (let i = 0; i < 1000; i++) {
		const response = await s.api.post(conversationsPath, {
			name: `Conversation ${i}`,
			channelId: DEMO.channels.sms,
		});
		if (response.status !== 201)
			throw new Error(`setup failed: ${response.status} ${JSON.stringify(response.data)}`);
		created.push(response.data.id);
	}
}, 60_000);
afterAll(async () => s.sandbox.close());

type Page = { results: Array<{ id: string; name: string }>; nextPageToken?: string };

async function walk(
	params: Record<string, unknown>,
	between?: (page: number) => Promise<void>,
): Promise<{ ids: string[]; pages: Page[] }> {
	const ids: string[] = [];
	const pages: Page[] = [];
	let pageToken: string | undefined;
	do {
		const response = await s.api.get(conversationsPath, { params: { ...params, pageToken } });
		expect(response.status).toBe(200);
		const page = response.data as Page;
		pages.push(page);
		ids.push(...page.results.map((c) => c.id));
		pageToken = page.nextPageToken;
		if (between) await between(pages.length);
	} while (pageToken);
	return { ids, pages };
}

const addOne = (label: string) =>
	s.api
		.post(conversationsPath, { name: label, channelId: DEMO.channels.sms })
		.then((r) => r.data.id as string);

describe('pagination', () => {
	it('default page is 10 items, newest first, with an opaque base64 token', async () => {
		const response = await s.api.get(conversationsPath);
		expect(response.data.results).toHaveLength(10);
		expect(response.data.results[0].id).toBe(created[created.length - 1]);
		const decoded = JSON.parse(Buffer.from(response.data.nextPageToken, 'base64').toString('utf8'));
		expect(decoded).toEqual([expect.any(String), response.data.results[9].id]);
	});

	it('walks 1,000 items in pages of 100 newest first while items are added: each original item exactly once', async () => {
		const added: string[] = [];
		const { ids, pages } = await walk({ limit: 100 }, async () => {
			added.push(await addOne('added while listing'));
		});
		expect(pages.length).toBe(10);
		expect(pages[pages.length - 1].nextPageToken).toBeUndefined();
		expect(pages.slice(0, -1).every((p) => typeof p.nextPageToken === 'string')).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
		const original = ids.filter((id) => !added.includes(id));
		expect(original).toEqual([...created].reverse());
	});

	it('reverse=true walks oldest first, and items added meanwhile show up at the end exactly once', async () => {
		const before = (await walk({ limit: 100, reverse: true })).ids;
		const added: string[] = [];
		const { ids } = await walk({ limit: 100, reverse: true }, async (page) => {
			if (page <= 3) added.push(await addOne(`added during reverse walk ${page}`));
		});
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.slice(0, before.length)).toEqual(before);
		expect(ids.slice(before.length)).toEqual(added);
		expect(before.slice(0, 1000)).toEqual(created);
	});

	it('an odd page size reaches the exact end without an empty extra page', async () => {
		const total = (await walk({ limit: 100 })).ids.length;
		const { pages, ids } = await walk({ limit: 7 });
		expect(ids.length).toBe(total);
		expect(pages.length).toBe(Math.ceil(total / 7));
		expect(pages[pages.length - 1].results.length).toBeGreaterThan(0);
	});

	it.each([['0'], ['101'], ['-1'], ['2.5'], ['ten']])(
		'limit=%s is a 422 naming .limit',
		async (limit) => {
			const response = await s.api.get(conversationsPath, { params: { limit } });
			expectBirdError(response, 422, 'InvalidPayload');
			expect(Object.keys(response.data.details)).toEqual(['.limit']);
		},
	);

	it('accepts the bounds 1 and 100', async () => {
		expect(
			(await s.api.get(conversationsPath, { params: { limit: 1 } })).data.results,
		).toHaveLength(1);
		expect(
			(await s.api.get(conversationsPath, { params: { limit: 100 } })).data.results,
		).toHaveLength(100);
	});

	it('a garbage pageToken is a 422', async () => {
		expectBirdError(
			await s.api.get(conversationsPath, { params: { pageToken: 'not-a-token' } }),
			422,
			'InvalidPayload',
		);
	});
	it('a conversation deleted or created between pages leaves or joins the listing at once (the sorted list is cached)', async () => {
		const first = (await s.api.get(conversationsPath, { params: { limit: 100 } })).data as Page;
		const victim = first.results[0].id;
		expect((await s.api.delete(`${conversationsPath}/${victim}`)).status).toBe(204);
		const afterDelete = (await s.api.get(conversationsPath, { params: { limit: 100 } }))
			.data as Page;
		expect(afterDelete.results[0].id).toBe(first.results[1].id);
		const fresh = await addOne('joined after the first page');
		const again = (await s.api.get(conversationsPath, { params: { limit: 100 } })).data as Page;
		expect(again.results[0].id).toBe(fresh);
		expect(again.results.map((c) => c.id)).not.toContain(victim);
		expect(again.results.slice(1).map((c) => c.id)).toEqual(
			first.results.slice(1).map((c) => c.id),
		);
		// Paging on from the old first page neither skips nor repeats: it starts where that page ended.
		const next = (
			await s.api.get(conversationsPath, { params: { limit: 100, pageToken: first.nextPageToken } })
		).data as Page;
		const afterAgain = (
			await s.api.get(conversationsPath, { params: { limit: 100, pageToken: again.nextPageToken } })
		).data as Page;
		expect(next.results.map((c) => c.id)).toEqual(afterAgain.results.map((c) => c.id));
		expect(new Set([...first.results, ...next.results].map((c) => c.id)).size).toBe(200);
	});
});

/**
 * Conversation → Update never drops attributes the user did not touch. Bird does not document whether PATCH
 * merges `attributes` into the stored map or replaces it (docs/bird-api.md §2.5), so the default (Attributes
 * Mode "Merge With Existing") reads the conversation and PATCHes the full map. Proven against a mocked Bird
 * that REPLACES the map on PATCH, and against the sandbox, which merges.
 */
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO } from '../../../sandbox/seed';
import {
	birdFixture,
	guardNock,
	locator,
	runBirdNode,
	TEST_ACCESS_KEY,
	TEST_BASE_URL,
	WORKSPACE_PATH,
	useSandbox,
} from '../../harness';

const CONVERSATION_ID = '907798f8-fd72-44d5-8042-fcc05c1bb570';
const ONE = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}`;
const rows = (attributes: Record<string, string>) => ({
	attribute: Object.entries(attributes).map(([key, value]) => ({ key, value })),
});
const update = (
	updateFields: INodeParameters,
	conversationId = CONVERSATION_ID,
): INodeParameters => ({
	resource: 'conversation',
	operation: 'update',
	conversationId: locator(conversationId),
	updateFields,
});

/**
 * A Bird whose PATCH replaces the whole attributes map (the reading under which a naive update loses keys).
 * Records each request as "GET" or "PATCH <attributes>" in the order they arrive.
 */
function replacingBird(initial: Record<string, string>, counts: { gets: number; patches: number }) {
	const state = {
		attributes: { ...initial } as IDataObject,
		log: [] as string[],
		patches: [] as IDataObject[],
	};
	const conversation = () => ({
		...birdFixture('conversation.get'),
		id: CONVERSATION_ID,
		attributes: state.attributes,
	});
	const scope = nock(TEST_BASE_URL, {
		reqheaders: { authorization: `AccessKey ${TEST_ACCESS_KEY}` },
	});
	if (counts.gets) {
		scope
			.get(ONE)
			.times(counts.gets)
			.reply(() => {
				state.log.push('GET');
				return [200, conversation()];
			});
	}
	scope
		.patch(ONE)
		.times(counts.patches)
		.reply((_uri, body) => {
			const patch = body as IDataObject;
			state.patches.push(patch);
			state.log.push('PATCH');
			if (patch.attributes !== undefined)
				state.attributes = { ...(patch.attributes as IDataObject) };
			return [200, conversation()];
		});
	return state;
}

describe('Conversation → Update attributes against a Bird that replaces the map on PATCH', () => {
	const unmatched = guardNock();
	afterEach(() => {
		expect(unmatched).toEqual([]);
	});

	it('by default reads the conversation, then PATCHes its attributes with the new ones laid over: untouched keys survive', async () => {
		const bird = replacingBird(
			{ ticketId: '123', department: 'technical-support' },
			{ gets: 1, patches: 1 },
		);
		const result = await runBirdNode(
			update({ attributes: rows({ department: 'billing', priority: 'high' }), status: 'active' }),
		);
		expect(result.error).toBeUndefined();
		expect(bird.log).toEqual(['GET', 'PATCH']);
		expect(bird.patches[0]).toEqual({
			status: 'active',
			attributes: { ticketId: '123', department: 'billing', priority: 'high' },
		});
		expect(bird.attributes).toEqual({ ticketId: '123', department: 'billing', priority: 'high' });
		expect(result.json[0].attributes).toEqual(bird.attributes);
	});

	it('Replace All sends only the listed attributes and reads nothing first: under this reading the others are dropped', async () => {
		const bird = replacingBird(
			{ ticketId: '123', department: 'technical-support' },
			{ gets: 0, patches: 1 },
		);
		const result = await runBirdNode(
			update({ attributes: rows({ priority: 'high' }), attributesMode: 'replace' }),
		);
		expect(result.error).toBeUndefined();
		expect(bird.log).toEqual(['PATCH']);
		expect(bird.patches[0]).toEqual({ attributes: { priority: 'high' } });
		expect(bird.attributes).toEqual({ priority: 'high' });
	});

	it('two items changing different keys of one conversation in the same run both survive (read-merge-write is queued per conversation)', async () => {
		const bird = replacingBird({ ticketId: '123' }, { gets: 2, patches: 2 });
		const result = await runBirdNode(
			update({
				attributes: { attribute: [{ key: '={{ $json.key }}', value: '={{ $json.value }}' }] },
			}),
			{
				items: [
					{ key: 'priority', value: 'high' },
					{ key: 'team', value: 'blue' },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(bird.log).toEqual(['GET', 'PATCH', 'GET', 'PATCH']);
		expect(bird.attributes).toEqual({ ticketId: '123', priority: 'high', team: 'blue' });
	});

	it('an update without attributes reads nothing and PATCHes only its fields', async () => {
		let patch: IDataObject | undefined;
		nock(TEST_BASE_URL)
			.patch(ONE, (body: IDataObject) => {
				patch = body;
				return true;
			})
			.reply(200, birdFixture('conversation.get'));
		const result = await runBirdNode(update({ status: 'closed' }));
		expect(result.error).toBeUndefined();
		expect(patch).toEqual({ status: 'closed' });
	});

	it('a failed read stops the update before any PATCH and says nothing was changed', async () => {
		nock(TEST_BASE_URL)
			.get(ONE)
			.reply(404, { code: 'NotFound', message: 'Conversation not found' });
		const result = await runBirdNode(update({ attributes: rows({ priority: 'high' }) }));
		expect(result.error?.message).toBe(`The conversation "${CONVERSATION_ID}" was not found (404)`);
		expect(result.error?.description).toContain(
			'This was the read of the existing attributes (Attributes Mode: Merge With Existing); nothing was changed.',
		);
	});

	it('Replace All with no attribute that has a key is refused before any request (it could wipe every attribute)', async () => {
		const result = await runBirdNode(
			update({
				attributes: { attribute: [{ key: '={{ "" }}', value: 'x' }] },
				attributesMode: 'replace',
			}),
		);
		expect(result.error?.message).toBe('Attributes: no attribute with a key');
		expect(result.error?.description).toMatch(/Replace All/);
	});
});

describe('Conversation → Update attributes against the sandbox (which merges on PATCH)', () => {
	const sb = useSandbox();
	const run = sb.run;
	const stored = () =>
		sb.context.store.data.conversations.find((c) => c.id === DEMO.conversations.janeEmail)
			?.attributes;

	it('the default keeps untouched keys and changes the given ones; Replace All under merging keeps the others too', async () => {
		const first = await run(
			update(
				{ attributes: rows({ ticketId: '123', department: 'technical-support' }) },
				DEMO.conversations.janeEmail,
			),
		);
		expect(first.error).toBeUndefined();
		const second = await run(
			update({ attributes: rows({ department: 'billing' }) }, DEMO.conversations.janeEmail),
		);
		expect(second.error).toBeUndefined();
		expect(second.json[0].attributes).toEqual({ ticketId: '123', department: 'billing' });
		expect(stored()).toEqual({ ticketId: '123', department: 'billing' });

		// The sandbox merges, so Replace All cannot remove keys here; on a Bird that replaces it would (test above).
		const replaced = await run(
			update(
				{ attributes: rows({ priority: 'high' }), attributesMode: 'replace' },
				DEMO.conversations.janeEmail,
			),
		);
		expect(replaced.error).toBeUndefined();
		expect(stored()).toEqual({ ticketId: '123', department: 'billing', priority: 'high' });
	});
});

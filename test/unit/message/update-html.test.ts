import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { DEMO } from '../../../sandbox/seed';
import {
	guardNock,
	locator,
	runBirdNode,
	TEST_BASE_URL,
	useSandbox,
	WORKSPACE_PATH,
} from '../../harness';

/** Message → Update of an e-mail draft: its HTML body (Text as the plain alternative, Subject), then publishing it. */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const MESSAGE_ID = 'f48ee7ff-45b1-42a2-838b-ea7632180e80';
const update = (extra: IDataObject) => ({
	resource: 'message',
	operation: 'update',
	conversationId: locator(CONVERSATION_ID),
	messageId: MESSAGE_ID,
	...extra,
});

describe('Message → Update with HTML (mocked Bird)', () => {
	guardNock();

	it.each<[string, IDataObject, IDataObject]>([
		[
			'HTML with a plain-text alternative, published',
			{
				publish: true,
				updateFields: { html: '<p>Final</p>', text: 'Final', subject: 'Your offer' },
			},
			{
				body: {
					type: 'html',
					html: { html: '<p>Final</p>', text: 'Final', metadata: { subject: 'Your offer' } },
				},
				draft: false,
			},
		],
		[
			'HTML only, kept as draft',
			{ publish: false, updateFields: { html: '<p>Still drafting</p>' } },
			{ body: { type: 'html', html: { html: '<p>Still drafting</p>' } } },
		],
	])('%s → PATCH with exactly that body', async (_label, parameters, expected) => {
		let sent: IDataObject | undefined;
		nock(TEST_BASE_URL)
			.patch(
				`${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages/${MESSAGE_ID}`,
				(body: IDataObject) => {
					sent = body;
					return true;
				},
			)
			.reply(200, (_uri, body) => ({ id: MESSAGE_ID, ...(body as IDataObject) }));
		const { error, json } = await runBirdNode(update(parameters));
		expect(error).toBeUndefined();
		expect(sent).toEqual(expected);
		expect(json[0]).toMatchObject({ id: MESSAGE_ID, body: expected.body });
	});

	it('an HTML of only spaces is refused before any request', async () => {
		const { error } = await runBirdNode(update({ updateFields: { html: '   ' } }));
		expect(error?.message).toBe('HTML: is empty');
	});

	it('a Subject without HTML is refused before any request instead of being dropped', async () => {
		const { error } = await runBirdNode(
			update({ updateFields: { text: 'plain', subject: 'Offer' } }),
		);
		expect(error?.message).toBe('Subject: is set without HTML');
		expect(error?.description).toMatch(/add HTML/);
	});
});

describe('Message → Update with HTML (sandbox)', () => {
	// Only the sandbox may be reached; guardNock restores nock after these tests.
	guardNock({ allow: '127.0.0.1' });
	const sb = useSandbox();
	const run = sb.run;

	it('an e-mail draft gets new HTML, stays a draft, then is published with it', async () => {
		const conversationId = locator(DEMO.conversations.janeEmail);
		const draft = await run({
			resource: 'message',
			operation: 'send',
			conversationId,
			senderId: DEMO.accessKey.id,
			messageType: 'html',
			html: '<p>v1</p>',
			subject: 'Offer',
			additionalFields: { draft: true },
		});
		expect(draft.error).toBeUndefined();
		const messageId = draft.json[0].id as string;

		const edited = await run({
			resource: 'message',
			operation: 'update',
			conversationId,
			messageId,
			publish: false,
			updateFields: { html: '<p>v2</p>', text: 'v2', subject: 'Offer, revised' },
		});
		expect(edited.error).toBeUndefined();
		const stored = () => sb.context.store.data.messages.find((m) => m.id === messageId)!;
		expect(stored()).toMatchObject({
			draft: true,
			body: {
				type: 'html',
				html: { html: '<p>v2</p>', text: 'v2', metadata: { subject: 'Offer, revised' } },
			},
		});

		const published = await run({
			resource: 'message',
			operation: 'update',
			conversationId,
			messageId,
			publish: true,
		});
		expect(published.error).toBeUndefined();
		expect(stored()).toMatchObject({
			draft: false,
			body: { type: 'html', html: { html: '<p>v2</p>' } },
		});
	});
});

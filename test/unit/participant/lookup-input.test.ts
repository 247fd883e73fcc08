/**
 * Participant lookups put user input into the URL path (an ID, or an identifier key and value) and, for
 * a participant's conversations, into the required `channelId` query. Empty or malformed values must be
 * refused before any request, naming the field; a request would otherwise go to a wrong path such as
 * `/participants//conversations` and come back as a confusing 404.
 */
import nock from 'nock';

import { DEMO_IDS, guardNock, locator, runBirdNode } from '../../harness';

const conversationId = locator('907798f8-fd72-44d5-8042-fcc05c1bb570');
const byParticipant = {
	resource: 'conversation',
	operation: 'getManyByParticipant',
	channelId: DEMO_IDS.channels.sms,
};

guardNock();

// n8n itself refuses a literally empty *required* parameter before the run ("Parameter … is required");
// values that come from an expression get past that check, so each case feeds its value through one.
const fromItem = '={{ $json.value }}';

describe('participant lookups refuse bad input before any request', () => {
	it.each([
		[
			'Get Many by Participant: an empty identifier value',
			{ ...byParticipant, lookupBy: 'identifier', identifierValue: fromItem },
			'  ',
			/^Identifier Value: is empty/,
		],
		[
			'Get Many by Participant: an empty identifier key',
			{
				...byParticipant,
				lookupBy: 'identifier',
				identifierKey: fromItem,
				identifierValue: '+31612345678',
			},
			'',
			/^Identifier Key: is empty/,
		],
		[
			'Get Many by Participant: an empty participant ID',
			{ ...byParticipant, lookupBy: 'id', participantId: fromItem },
			'',
			/^Participant ID: is empty/,
		],
		[
			'Get Many by Participant: an empty channel ID',
			{ ...byParticipant, identifierValue: '+31612345678', channelId: fromItem },
			'',
			/^Channel ID: is empty/,
		],
		[
			'Get Many by Participant: a malformed channel ID',
			{ ...byParticipant, identifierValue: '+31612345678', channelId: fromItem },
			'sms',
			/^Channel ID: "sms" is not a valid ID/,
		],
		[
			'Participant Get: an empty identifier value',
			{
				resource: 'participant',
				operation: 'get',
				conversationId,
				lookupBy: 'identifier',
				identifierValue: fromItem,
			},
			'',
			/^Identifier Value: is empty/,
		],
		[
			'Participant Update Status: an empty participant ID',
			{
				resource: 'participant',
				operation: 'update',
				conversationId,
				lookupBy: 'id',
				participantId: fromItem,
				status: 'active',
			},
			' ',
			/^Participant ID: is empty/,
		],
		[
			'Participant Add: a malformed contact ID',
			{
				resource: 'participant',
				operation: 'add',
				conversationId,
				participantKind: 'contactById',
				contactId: fromItem,
			},
			'42',
			/^Contact ID: "42" is not a valid ID/,
		],
		[
			'Participant Add: an empty user ID',
			{
				resource: 'participant',
				operation: 'add',
				conversationId,
				participantKind: 'user',
				memberId: fromItem,
			},
			'',
			/^User ID: is empty/,
		],
		[
			'Participant Add: an empty identifier value',
			{ resource: 'participant', operation: 'add', conversationId, identifierValue: fromItem },
			'',
			/^Identifier Value: is empty/,
		],
		[
			'Participant Get Many: a malformed conversation',
			{
				resource: 'participant',
				operation: 'getAll',
				conversationId: { ...conversationId, value: fromItem },
			},
			'abc',
			/^Conversation: "abc" is not a valid ID/,
		],
	])('%s', async (_label, parameters, value, message) => {
		const { error } = await runBirdNode(parameters, { items: [{ value }] });
		// n8n's routing engine reports a declarative node's preSend error under the NodeApiError name,
		// keeping our message and description; what matters to the user is that these name the field.
		expect(error?.message).toMatch(message);
		expect(String(error?.description)).toMatch(/^[A-Z].{15,}/);
	});

	it('the lookup defaults of Get Many by Participant are the identifier and phonenumber', async () => {
		// Only the value and channel given: the node must use identifier lookup with key "phonenumber".
		const scope = nock('https://api.bird.com')
			.get(
				`/workspaces/${DEMO_IDS.workspaceId}/participants/phonenumber/%2B31612345678/conversations`,
			)
			.query({ channelId: DEMO_IDS.channels.sms, limit: '50' })
			.reply(200, { results: [] });
		const { error, json } = await runBirdNode({
			...byParticipant,
			identifierValue: '+31612345678',
		});
		expect(error).toBeUndefined();
		expect(json).toEqual([]);
		expect(scope.isDone()).toBe(true);
	});
	it('a phone number that an expression gives as a number goes into the path as text', async () => {
		// Spreadsheet and JSON sources often carry phone numbers as numbers; the URL must not call string methods on them.
		const scope = nock('https://api.bird.com')
			.get(`/workspaces/${DEMO_IDS.workspaceId}/participants/phonenumber/31612345678/conversations`)
			.query({ channelId: DEMO_IDS.channels.sms, limit: '50' })
			.reply(200, { results: [] });
		const { error } = await runBirdNode(
			{ ...byParticipant, identifierValue: fromItem },
			{ items: [{ value: 31612345678 }] },
		);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});

import type { IDataObject } from 'n8n-workflow';

import {
	captureBody,
	guardNock,
	locator,
	mockBird,
	runBirdNode,
	WORKSPACE_PATH,
} from '../../harness';

const CONVERSATION_ID = '67e4d358-ca94-421e-98b7-448860df9d33';
const PARTICIPANTS = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/participants`;
const conversationId = locator(CONVERSATION_ID);

// Bird's examples from docs/bird-api.md §4.1 and §4.2.
const addedContact = {
	id: '3954d22c-96f7-4bc3-817b-67b4d903ed90',
	type: 'contact',
	status: 'active',
	displayName: '',
	avatarUrl: '',
	contact: {
		identifierKey: 'emailaddress',
		identifierValue: 'john.doe@bird.com',
		platformAddress: 'john.doe@bird.com',
	},
};
const johnDoe = {
	id: '8f0b5377-2edc-4116-a8e8-6a475f245a04',
	type: 'contact',
	status: 'active',
	displayName: 'John Doe',
	avatarUrl: '',
	contact: {
		identifierKey: 'phonenumber',
		identifierValue: '+31612345678',
		platformAddress: '+31612345678',
	},
};

guardNock();

describe('Participant → Add', () => {
	it("adds a contact by identifier with Bird's documented body", async () => {
		const sent = captureBody();
		mockBird().post(PARTICIPANTS, sent.match).reply(201, addedContact);
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'add',
			conversationId,
			participantKind: 'contactByIdentifier',
			identifierKey: 'emailaddress',
			identifierValue: 'john.doe@bird.com',
		});
		expect(result.error).toBeUndefined();
		expect(sent.body).toEqual({
			type: 'contact',
			contact: { identifierKey: 'emailaddress', identifierValue: 'john.doe@bird.com' },
		});
		expect(result.json).toEqual([addedContact]);
	});

	it('adds a contact by ID, and a user (agent) with a non-default status', async () => {
		const byId = captureBody();
		mockBird().post(PARTICIPANTS, byId.match).reply(200, johnDoe);
		await runBirdNode({
			resource: 'participant',
			operation: 'add',
			conversationId,
			participantKind: 'contactById',
			contactId: johnDoe.id,
		});
		expect(byId.body).toEqual({ type: 'contact', id: johnDoe.id });

		const user = captureBody();
		const agent = { id: 'e0b759f7-c366-4223-87a5-d1186ba4644f', type: 'user', status: 'invited' };
		mockBird().post(PARTICIPANTS, user.match).reply(201, agent);
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'add',
			conversationId,
			participantKind: 'user',
			memberId: agent.id,
			participantStatus: 'invited',
		});
		expect(user.body).toEqual({ type: 'user', id: agent.id, status: 'invited' });
		expect(result.json).toEqual([agent]);
	});

	it('adds a flow', async () => {
		const sent = captureBody();
		mockBird()
			.post(PARTICIPANTS, sent.match)
			.reply(201, { id: 'flow-1', type: 'flow', status: 'active' });
		await runBirdNode({
			resource: 'participant',
			operation: 'add',
			conversationId,
			participantKind: 'flow',
			memberId: 'flow-1',
		});
		expect(sent.body).toEqual({ type: 'flow', id: 'flow-1' });
	});
});

describe('Participant → Get', () => {
	it('by ID', async () => {
		mockBird().get(`${PARTICIPANTS}/${johnDoe.id}`).reply(200, johnDoe);
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'get',
			conversationId,
			lookupBy: 'id',
			participantId: johnDoe.id,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([johnDoe]);
	});

	it('by identifier key and value, with "+" sent as %2B', async () => {
		mockBird().get(`${PARTICIPANTS}/phonenumber/%2B31612345678`).reply(200, johnDoe);
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'get',
			conversationId,
			lookupBy: 'identifier',
			identifierKey: 'phonenumber',
			identifierValue: '+31612345678',
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([johnDoe]);
	});

	it('by e-mail identifier, with "@" encoded too', async () => {
		mockBird().get(`${PARTICIPANTS}/emailaddress/john.doe%40bird.com`).reply(200, addedContact);
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'get',
			conversationId,
			lookupBy: 'identifier',
			identifierKey: 'emailaddress',
			identifierValue: 'john.doe@bird.com',
		});
		expect(result.json).toEqual([addedContact]);
	});
});

describe('Participant → Get Many', () => {
	it('returns each participant as an item, asking only for the Limit', async () => {
		mockBird()
			.get(PARTICIPANTS)
			.query({ limit: '2' })
			.reply(200, {
				results: [addedContact, johnDoe],
				nextPageToken: 'more',
				total: 3,
				totalType: '',
			});
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'getAll',
			conversationId,
			returnAll: false,
			limit: 2,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([addedContact, johnDoe]);
	});

	it('Return All with Oldest First', async () => {
		mockBird()
			.get(PARTICIPANTS)
			.query({ limit: '100', reverse: 'true' })
			.reply(200, { results: [johnDoe] });
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'getAll',
			conversationId,
			returnAll: true,
			options: { reverse: true },
		});
		expect(result.json).toEqual([johnDoe]);
	});
});

describe('Participant → Update Status', () => {
	it('by ID', async () => {
		const sent = captureBody();
		mockBird()
			.patch(`${PARTICIPANTS}/${johnDoe.id}`, sent.match)
			.reply(200, { ...johnDoe, status: 'invited' });
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'update',
			conversationId,
			lookupBy: 'id',
			participantId: johnDoe.id,
			status: 'invited',
		});
		expect(result.error).toBeUndefined();
		expect(sent.body).toEqual({ status: 'invited' });
		expect(result.json).toEqual([{ ...johnDoe, status: 'invited' }]);
	});

	it('by identifier', async () => {
		const sent = captureBody();
		mockBird().patch(`${PARTICIPANTS}/phonenumber/%2B31612345678`, sent.match).reply(200, johnDoe);
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'update',
			conversationId,
			lookupBy: 'identifier',
			identifierKey: 'phonenumber',
			identifierValue: '+31612345678',
			status: 'active',
		});
		expect(sent.body).toEqual({ status: 'active' });
		expect(result.json).toEqual([johnDoe]);
	});
});

describe('Participant → Remove', () => {
	it('DELETEs the participant and reports what was removed', async () => {
		mockBird().delete(`${PARTICIPANTS}/${johnDoe.id}`).reply(204);
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'remove',
			conversationId,
			participantId: johnDoe.id,
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ deleted: true, resource: 'participant', id: johnDoe.id }]);
	});

	it("explains Bird's 403 for a participant that may not be removed", async () => {
		mockBird()
			.delete(`${PARTICIPANTS}/${johnDoe.id}`)
			.reply(403, { code: 'Forbidden', message: 'Deleting this participant is not allowed' });
		const result = await runBirdNode({
			resource: 'participant',
			operation: 'remove',
			conversationId,
			participantId: johnDoe.id,
		});
		expect(result.error?.message).toBe(
			`Bird refused to remove the participant "${johnDoe.id}" (403)`,
		);
		expect(result.error?.description).toContain('Deleting this participant is not allowed');
		// Bird's own rule, and both readings of a 403 for the key (docs/bird-api.md §1.3): never "the key is valid".
		expect(result.error?.description).toContain('Bird refuses this for some participants');
		expect(result.error?.description).toContain(
			'1) The key: the Access Key in the credential is wrong, revoked or expired.',
		);
		expect(result.error?.description).toContain('2) Its permissions:');
		expect(result.error?.description).toMatch(/role/);
		expect(result.error?.description).not.toMatch(/\bvalid\b/i);
	});
});

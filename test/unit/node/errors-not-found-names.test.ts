/**
 * A 404 whose message names another resource than the one the node asked for (n8n 1.x once sent
 * requests with an empty workspace segment, and Bird answered "Workspace '' does not exist"): the
 * error names what Bird did not find, not the conversation the node was looking up.
 */
import type { INode } from 'n8n-workflow';

import { birdApiError, notFoundNamedByBird } from '../../../nodes/shared/errors';

const node: INode = {
	id: '1',
	name: 'Bird',
	type: 'n8n-nodes-bird-conversations.birdConversations',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const CONVERSATION = {
	resourceLabel: 'conversation',
	resourceId: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e501',
};

describe('a 404 that names another resource', () => {
	it('an empty workspace: names the workspace and the credential field, not the conversation', () => {
		const error = birdApiError(
			node,
			404,
			{ code: 'ResourceNotFound', message: "Workspace '' does not exist" },
			CONVERSATION,
		);
		expect(error.message).toBe('Bird did not find the workspace (an empty ID) (404)');
		expect(error.description).toContain(
			"Bird says: ResourceNotFound — Workspace '' does not exist",
		);
		expect(error.description).toContain(
			'Check the Workspace ID in the Bird Conversations API credential.',
		);
		expect(error.message).not.toContain('conversation');
	});

	it('an unknown workspace ID, and an organization, are named with their IDs', () => {
		const workspace = birdApiError(
			node,
			404,
			{ message: "Workspace 'abc' does not exist in organization 'x'" },
			CONVERSATION,
		);
		expect(workspace.message).toBe('Bird did not find the workspace "abc" (404)');
		const organization = birdApiError(
			node,
			404,
			{ message: "Organization 'org-1' was not found" },
			{
				resourceLabel: 'webhook subscription list',
			},
		);
		expect(organization.message).toBe('Bird did not find the organization "org-1" (404)');
		expect(organization.description).toContain('Organization ID');
	});

	it('a missing conversation while reading a message names the conversation', () => {
		const error = birdApiError(
			node,
			404,
			{ message: "Conversation 'c-1' was not found" },
			{
				resourceLabel: 'message',
				resourceId: 'm-1',
			},
		);
		expect(error.message).toBe('Bird did not find the conversation "c-1" (404)');
	});

	it('the resource asked for, or a 404 naming nothing, keeps the usual message', () => {
		expect(
			birdApiError(node, 404, { message: "Conversation 'x' was not found" }, CONVERSATION).message,
		).toBe(`The conversation "${CONVERSATION.resourceId}" was not found (404)`);
		expect(
			birdApiError(node, 404, { message: 'The requested resource does not exist' }, CONVERSATION)
				.message,
		).toBe(`The conversation "${CONVERSATION.resourceId}" was not found (404)`);
		expect(notFoundNamedByBird('The webhook subscription was not found.')).toBeUndefined();
		expect(notFoundNamedByBird("Webhook subscription 'w' was not found")).toEqual({
			kind: 'webhook subscription',
			id: 'w',
		});
	});
});

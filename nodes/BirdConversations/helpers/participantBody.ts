import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { IDENTIFIER_OR_ID, identifierFrom } from './identifierOrId';
import { assertUuid, requiredText } from './validate';

/** preSend for Participant → Add: one of Bird's three participant shapes (docs/bird-api.md §4.2). */
export async function buildAddParticipantBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const choice = IDENTIFIER_OR_ID.participantKind;
	const kind = this.getNodeParameter('participantKind', choice.identifier) as string;
	const status = this.getNodeParameter('participantStatus', 'active') as string;
	let body: IDataObject;
	if (kind === choice.identifier) {
		body = {
			type: 'contact',
			contact: identifierFrom(
				this,
				this.getNodeParameter('identifierKey', ''),
				this.getNodeParameter('identifierValue', ''),
			),
		};
	} else if (kind === choice.id) {
		body = {
			type: 'contact',
			id: assertUuid(this, 'Contact ID', this.getNodeParameter('contactId', '')),
		};
	} else {
		body = {
			type: kind === 'flow' ? 'flow' : 'user',
			id: requiredText(
				this,
				'memberId',
				kind === 'flow' ? 'Flow ID' : 'User ID',
				'Enter the ID of the workspace user (agent) or flow.',
			).trim(),
		};
	}
	if (status && status !== 'active') body.status = status;
	return { ...requestOptions, body };
}

/** preSend for Participant → Update Status: Bird's `{status}` (docs/bird-api.md §4.2), as the user picked it. */
export async function buildUpdateParticipantBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: { status: this.getNodeParameter('status', 'active') } };
}

/**
 * preSend for the participant lookups (Participant → Get, Update Status, Remove; Conversation → Get Many by
 * Participant): by identifier both parts, otherwise the participant ID, are required path segments.
 */
export async function validateIdentifier(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (
		this.getNodeParameter('lookupBy', IDENTIFIER_OR_ID.lookupBy.id) ===
		IDENTIFIER_OR_ID.lookupBy.identifier
	) {
		identifierFrom(
			this,
			this.getNodeParameter('identifierKey', ''),
			this.getNodeParameter('identifierValue', ''),
		);
	} else {
		requiredText(
			this,
			'participantId',
			'Participant ID',
			'Enter the participant ID (for a contact, its contact ID).',
		);
	}
	return requestOptions;
}

/**
 * preSend for Conversation → Get Many by Participant: the participant goes into the path and Bird
 * requires the channel to search in (docs/bird-api.md §4.4), so both are checked before the request.
 */
export async function validateParticipantConversationsLookup(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	await validateIdentifier.call(this, requestOptions);
	assertUuid(this, 'Channel ID', this.getNodeParameter('channelId', ''));
	return requestOptions;
}

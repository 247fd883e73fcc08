import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { assertNotEmpty, assertUuid } from './validate';

/** preSend for Participant → Add: one of Bird's three participant shapes (docs/bird-api.md §4.2). */
export async function buildAddParticipantBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const kind = this.getNodeParameter('participantKind', 'contactByIdentifier') as string;
	const status = this.getNodeParameter('participantStatus', 'active') as string;
	let body: IDataObject;
	if (kind === 'contactByIdentifier') {
		body = {
			type: 'contact',
			contact: {
				identifierKey: assertNotEmpty(
					this,
					'Identifier Key',
					this.getNodeParameter('identifierKey', ''),
					'Use phonenumber or emailaddress.',
				).trim(),
				identifierValue: assertNotEmpty(
					this,
					'Identifier Value',
					this.getNodeParameter('identifierValue', ''),
					'Enter the phone number (with +country code) or e-mail address.',
				).trim(),
			},
		};
	} else if (kind === 'contactById') {
		body = {
			type: 'contact',
			id: assertUuid(this, 'Contact ID', this.getNodeParameter('contactId', '')),
		};
	} else {
		body = {
			type: kind === 'flow' ? 'flow' : 'user',
			id: assertNotEmpty(
				this,
				kind === 'flow' ? 'Flow ID' : 'User ID',
				this.getNodeParameter('memberId', ''),
				'Enter the ID of the workspace user (agent) or flow.',
			).trim(),
		};
	}
	if (status && status !== 'active') body.status = status;
	return { ...requestOptions, body };
}

/** preSend for Participant → Get/Update by identifier: both parts are required path segments. */
export async function validateIdentifier(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('lookupBy', 'id') === 'identifier') {
		assertNotEmpty(
			this,
			'Identifier Key',
			this.getNodeParameter('identifierKey', ''),
			'Use phonenumber or emailaddress.',
		);
		assertNotEmpty(
			this,
			'Identifier Value',
			this.getNodeParameter('identifierValue', ''),
			'Enter the phone number or e-mail address.',
		);
	} else {
		assertNotEmpty(
			this,
			'Participant ID',
			this.getNodeParameter('participantId', ''),
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

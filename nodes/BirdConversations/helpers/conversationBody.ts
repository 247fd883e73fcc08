import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { MAX_CREATE_PARTICIPANTS } from '../../shared/constants';
import { ATTRIBUTES_REPLACE } from './attributes';
import { IDENTIFIER_OR_ID, identifierFrom } from './identifierOrId';
import { buildTemplate } from './template';
import { assertNotEmpty, assertUuid, fieldError, requiredText } from './validate';

interface ParticipantRow {
	/** The row's "identifier or ID" choice (helpers/identifierOrId.ts), or 'other' (type and participant ID). */
	kind?: string;
	identifierKey?: string;
	identifierValue?: string;
	contactId?: string;
	participantType?: string;
	participantId?: string;
}

function attributesFrom(collection: unknown): IDataObject | undefined {
	const rows = ((collection as IDataObject | undefined)?.attribute ?? []) as Array<{
		key: string;
		value: string;
	}>;
	if (!rows.length) return undefined;
	return Object.fromEntries(rows.filter((row) => row.key).map((row) => [row.key, row.value]));
}

export { attributesFrom };

function participantRef(
	context: IExecuteSingleFunctions,
	row: ParticipantRow,
	index: number,
): IDataObject {
	const label = `Participants (row ${index + 1})`;
	const choice = IDENTIFIER_OR_ID.kind;
	switch (row.kind ?? choice.identifier) {
		case choice.identifier:
			// Both trimmed, as in every other identifier row: the pair is also the initial message's recipient.
			return {
				type: 'contact',
				...identifierFrom(context, row.identifierKey, row.identifierValue, `${label} `),
			};
		case choice.id:
			return { type: 'contact', id: assertUuid(context, `${label} Contact ID`, row.contactId) };
		default:
			return {
				type: row.participantType ?? 'user',
				id: assertNotEmpty(
					context,
					`${label} Participant ID`,
					row.participantId,
					'Enter the ID of the user, access key, flow, agent or bot.',
				),
			};
	}
}

/** The initial message goes to the contacts among the participants. */
function recipientsFrom(participants: IDataObject[]): IDataObject[] {
	return participants
		.filter((p) => p.type === 'contact')
		.map((p) =>
			p.identifierValue
				? { type: 'to', identifierKey: p.identifierKey, identifierValue: p.identifierValue }
				: { type: 'to', id: p.id },
		);
}

/** preSend for Conversation → Create: assembles the participants, initial message and optional fields. */
export async function buildCreateConversationBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const name = requiredText(
		this,
		'name',
		'Name',
		'Enter a name (for e-mail channels this is the subject).',
	);
	const channelId = assertUuid(this, 'Channel ID', this.getNodeParameter('channelId', ''));
	const rows = ((this.getNodeParameter('participants', {}) as IDataObject).participant ??
		[]) as ParticipantRow[];
	if (rows.length > MAX_CREATE_PARTICIPANTS) {
		throw fieldError(
			this,
			'Participants',
			`${rows.length} were given, but Bird accepts at most ${MAX_CREATE_PARTICIPANTS}`,
			'Remove participants here and add the others afterwards with Participant → Add.',
		);
	}
	const participants = rows.map((row, index) => participantRef(this, row, index));
	const extra = this.getNodeParameter('additionalFields', {}) as IDataObject;
	const body: IDataObject = { name, channelId };
	if (participants.length) body.participants = participants;
	for (const field of ['description', 'visibility', 'accessibility'] as const) {
		if (extra[field]) body[field] = extra[field];
	}
	const attributes = attributesFrom(extra.attributes);
	if (attributes) body.attributes = attributes;

	const messageType = this.getNodeParameter('initialMessageType', 'none') as string;
	if (messageType !== 'none') {
		const message: IDataObject =
			messageType === 'template'
				? { template: buildTemplate(this) }
				: {
						body: {
							type: 'text',
							text: {
								text: requiredText(
									this,
									'initialMessageText',
									'Initial Message Text',
									'Enter the text to send, or set Initial Message to None.',
								),
							},
						},
					};
		const recipients = recipientsFrom(participants);
		if (recipients.length) message.recipients = recipients;
		if (extra.reference) message.reference = extra.reference;
		body.initialMessage = message;
	}
	return { ...requestOptions, body };
}

/**
 * preSend for Conversation → Update: only the fields the user added are sent. With Attributes Mode "Merge With
 * Existing" (default) the executor then lays these attributes over the stored ones (helpers/attributes.ts).
 */
export async function buildUpdateConversationBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
	const body: IDataObject = {};
	for (const field of ['name', 'description', 'status', 'visibility', 'accessibility'] as const) {
		if (fields[field] !== undefined) body[field] = fields[field];
	}
	const attributes = attributesFrom(fields.attributes);
	if (attributes) body.attributes = attributes;
	// Replace All sends exactly this map; an empty one (e.g. every Key an expression that came out empty) would,
	// if Bird replaces, wipe every attribute, so it is refused rather than sent.
	if (
		fields.attributesMode === ATTRIBUTES_REPLACE &&
		fields.attributes !== undefined &&
		!Object.keys(attributes ?? {}).length
	) {
		throw fieldError(
			this,
			'Attributes',
			'no attribute with a key',
			'With Attributes Mode "Replace All" add at least one attribute with a Key, or remove the Attributes field.',
		);
	}
	// Deliberate duplicate: Message → Update refuses an empty body the same way, with its own problem and fix.
	if (Object.keys(body).length === 0) {
		throw fieldError(
			this,
			'Update Fields',
			'no field to update was added',
			'Add at least one field (e.g. Status) under Update Fields.',
		);
	}
	return { ...requestOptions, body };
}

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { IdentifierOrId, IdentifierOrIdSelector } from '../helpers/identifierOrId';
import { IDENTIFIER_OR_ID } from '../helpers/identifierOrId';

/** Display conditions of a top-level field: its resource and operations. */
type Show = { resource: string[]; operation: string[] };

interface IdentifierOrIdChoice {
	/** The selector's stored parameter name; its stored option values come from IDENTIFIER_OR_ID. */
	selector: IdentifierOrIdSelector;
	/** The role of whom the choice names, e.g. Participant or Recipient. */
	displayName: string;
	default: IdentifierOrId;
	/**
	 * `contact`: the ID is a contact's (field contactId). `participant`: any participant's, whose ID for a contact
	 * is its contact ID (field participantId; Bird's participant paths, docs/bird-api.md §4.2, §4.4).
	 */
	idOf: 'contact' | 'participant';
	/** The resource and operations of top-level fields, which are then also required. Omitted in rows. */
	show?: Show;
	/** Further choices of the same selector, e.g. Participant → Add's Flow and User (their fields are the caller's). */
	more?: INodePropertyOptions[];
}

const IDENTIFIER_DESCRIPTION =
	'A phone number, e-mail address or other channel identifier, given as Identifier Key and Identifier Value';
const ID_DESCRIPTION = {
	contact: 'An existing Bird contact, given by its contact ID',
	participant:
		'Any participant (contact, user, access key, flow…) given by its participant ID; for a contact that is its contact ID',
};

/** The ID field of Participant → Get, Update Status, Remove and Conversation → Get Many by Participant. */
export function participantIdField(
	show: Show,
	extra: Record<string, string[]> = {},
): INodeProperties {
	return {
		displayName: 'Participant ID',
		name: 'participantId',
		type: 'string',
		required: true,
		default: '',
		description:
			'The ID of the participant: for a contact its contact ID, for an access key its access key ID, for a user or flow its ID',
		displayOptions: { show: { ...show, ...extra } },
	};
}

/**
 * The "contact by identifier or by ID" choice, the one builder for all four selectors that offer it (see
 * helpers/identifierOrId.ts): the selector, then the ID field and the Identifier Key and Value fields, each shown
 * for its choice. The labels read the same everywhere ("Contact by Identifier", "Contact by ID" or
 * "Participant by ID"); the stored names and values are the ones each selector always had.
 */
export function identifierOrIdFields(choice: IdentifierOrIdChoice): INodeProperties[] {
	const values = IDENTIFIER_OR_ID[choice.selector];
	const when = (by: IdentifierOrId) => ({
		show: { ...(choice.show ?? {}), [choice.selector]: [values[by]] },
	});
	const required = choice.show ? { required: true } : {};
	const noun = choice.idOf === 'contact' ? 'Contact' : 'Participant';
	// A participant lookup is always a top-level field; a contact ID also stands in rows (not required there).
	const idField: INodeProperties =
		choice.idOf === 'participant'
			? participantIdField(choice.show ?? { resource: [], operation: [] }, {
					[choice.selector]: [values.id],
				})
			: {
					displayName: 'Contact ID',
					name: 'contactId',
					type: 'string',
					...required,
					default: '',
					placeholder: 'e.g. 8f0b5377-2edc-4116-a8e8-6a475f245a04',
					description: 'The ID of an existing Bird contact',
					displayOptions: when('id'),
				};
	const selected = values[choice.default];
	return [
		{
			displayName: choice.displayName,
			name: choice.selector,
			type: 'options',
			default: selected,
			...(choice.show ? { displayOptions: { show: choice.show } } : {}),
			options: [
				{
					name: 'Contact by Identifier',
					value: values.identifier,
					description: IDENTIFIER_DESCRIPTION,
				},
				{ name: `${noun} by ID`, value: values.id, description: ID_DESCRIPTION[choice.idOf] },
				...(choice.more ?? []),
			],
		},
		idField,
		{
			displayName: 'Identifier Key',
			name: 'identifierKey',
			type: 'string',
			...required,
			default: 'phonenumber',
			description:
				'The kind of identifier: phonenumber for WhatsApp, SMS, RCS and Viber, emailaddress for e-mail, or another channel’s key',
			displayOptions: when('identifier'),
		},
		{
			displayName: 'Identifier Value',
			name: 'identifierValue',
			type: 'string',
			...required,
			default: '',
			placeholder: 'e.g. +31612345678',
			description: 'The phone number (with +country code) or e-mail address',
			displayOptions: when('identifier'),
		},
	];
}

import { assertNotEmpty } from './validate';
import type { BirdItemFunctions } from '../../shared/context';

/**
 * The "identifier or ID" choice: a contact (or, in a lookup, a participant) is named either by an identifier,
 * a key such as phonenumber or emailaddress plus its value, or by its Bird ID (docs/bird-api.md §2.2, §3.3,
 * §4.2, §4.4). One concept under one name in code; the four selectors that offer it were written at different
 * times and store different parameter names and option values, which saved workflows hold, so those stay and
 * are mapped here. descriptions/identifierOrId.ts builds the selectors from this table.
 */
export type IdentifierOrId = 'identifier' | 'id';

export const IDENTIFIER_OR_ID = {
	/** Participant → Add, "Participant" (besides Flow and User). */
	participantKind: { identifier: 'contactByIdentifier', id: 'contactById' },
	/** Conversation → Create, Participants rows (besides Other). */
	kind: { identifier: 'contactByIdentifier', id: 'contactById' },
	/** Message → Send and → Update, Recipients rows. */
	by: { identifier: 'identifier', id: 'id' },
	/** Participant → Get / Update Status and Conversation → Get Many by Participant. */
	lookupBy: { identifier: 'identifier', id: 'id' },
} as const satisfies Record<string, Record<IdentifierOrId, string>>;

export type IdentifierOrIdSelector = keyof typeof IDENTIFIER_OR_ID;

const KEY_FIX = 'Use phonenumber for WhatsApp, SMS, RCS and Viber, or emailaddress for e-mail.';
const VALUE_FIX = 'Enter the phone number (with +country code) or e-mail address.';

/**
 * The identifier pair of an "identifier" choice, both parts required and trimmed (Bird knows no key
 * "phonenumber "). `label` prefixes the field names in errors, e.g. "Recipients (row 2) ".
 */
export function identifierFrom(
	context: BirdItemFunctions,
	identifierKey: unknown,
	identifierValue: unknown,
	label = '',
): { identifierKey: string; identifierValue: string } {
	return {
		identifierKey: assertNotEmpty(context, `${label}Identifier Key`, identifierKey, KEY_FIX).trim(),
		identifierValue: assertNotEmpty(
			context,
			`${label}Identifier Value`,
			identifierValue,
			VALUE_FIX,
		).trim(),
	};
}

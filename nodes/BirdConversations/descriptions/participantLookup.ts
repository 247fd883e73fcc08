import type { INodeProperties } from 'n8n-workflow';

import type { IdentifierOrId } from '../helpers/identifierOrId';
import { IDENTIFIER_OR_ID } from '../helpers/identifierOrId';
import type { Show } from './common';
import { identifierOrIdFields } from './identifierOrId';

/**
 * Finding one participant, by participant ID or by identifier key and value: Participant → Get and Update Status
 * (in a conversation, docs/bird-api.md §4.2) and Conversation → Get Many by Participant (workspace-wide, §4.4).
 * The fields and the path segment they fill are defined here once for both.
 */
export function participantLookupFields(show: Show, defaultBy: IdentifierOrId): INodeProperties[] {
	return identifierOrIdFields({
		selector: 'lookupBy',
		displayName: 'Participant',
		default: defaultBy,
		idOf: 'participant',
		show,
	});
}

/** A parameter as one URL path segment: trimmed and URL-encoded ("+31…" must travel as %2B31…, §4.3). */
const segment = (parameter: string) => `encodeURIComponent(String($parameter.${parameter}).trim())`;

/** Path segment of Participant → Remove, which Bird offers by participant ID only (§4.2). */
export const participantIdPath = `{{ ${segment('participantId')} }}`;

/** Path segment(s) of the looked-up participant: `{participantId}` or `{identifierKey}/{identifierValue}`. */
export const participantPath = `{{ $parameter.lookupBy === "${IDENTIFIER_OR_ID.lookupBy.identifier}" ? ${segment('identifierKey')} + "/" + ${segment('identifierValue')} : ${segment('participantId')} }}`;

import type { IDataObject } from 'n8n-workflow';

import { IDENTIFIER_OR_ID, identifierFrom } from './identifierOrId';
import { assertUuid } from './validate';
import type { BirdItemFunctions } from '../../shared/context';

interface RecipientRow {
	type?: string;
	/** The row's "identifier or ID" choice (helpers/identifierOrId.ts); anything but the ID means identifier. */
	by?: string;
	contactId?: string;
	identifierKey?: string;
	identifierValue?: string;
}

/** Bird's recipients (docs/bird-api.md §3.3) from the Recipients rows, each row checked and named on error. */
export function recipientsFrom(
	context: BirdItemFunctions,
	collection: unknown,
): IDataObject[] | undefined {
	const rows = (((collection ?? {}) as IDataObject).recipient ?? []) as RecipientRow[];
	if (!rows.length) return undefined;
	return rows.map((row, index) => {
		const label = `Recipients (row ${index + 1})`;
		if (row.by === IDENTIFIER_OR_ID.by.id)
			return {
				type: row.type ?? 'to',
				id: assertUuid(context, `${label} Contact ID`, row.contactId),
			};
		return {
			type: row.type ?? 'to',
			...identifierFrom(context, row.identifierKey, row.identifierValue, `${label} `),
		};
	});
}

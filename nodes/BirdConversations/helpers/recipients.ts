import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { assertNotEmpty, assertUuid } from './validate';

interface RecipientRow {
	type?: string;
	by?: 'id' | 'identifier';
	contactId?: string;
	identifierKey?: string;
	identifierValue?: string;
}

/** Bird's recipients (docs/bird-api.md §3.3) from the Recipients rows, each row checked and named on error. */
export function recipientsFrom(
	context: IExecuteSingleFunctions,
	collection: unknown,
): IDataObject[] | undefined {
	const rows = (((collection ?? {}) as IDataObject).recipient ?? []) as RecipientRow[];
	if (!rows.length) return undefined;
	return rows.map((row, index) => {
		const label = `Recipients (row ${index + 1})`;
		if (row.by === 'id')
			return {
				type: row.type ?? 'to',
				id: assertUuid(context, `${label} Contact ID`, row.contactId),
			};
		return {
			type: row.type ?? 'to',
			identifierKey: assertNotEmpty(
				context,
				`${label} Identifier Key`,
				row.identifierKey,
				'Use phonenumber or emailaddress.',
			).trim(),
			identifierValue: assertNotEmpty(
				context,
				`${label} Identifier Value`,
				row.identifierValue,
				'Enter the phone number or e-mail address.',
			).trim(),
		};
	});
}

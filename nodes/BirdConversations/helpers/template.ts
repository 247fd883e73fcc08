import type { IDataObject } from 'n8n-workflow';

import { assertNotEmpty, assertUuid, fieldError, requiredText } from './validate';
import type { BirdItemFunctions } from '../../shared/context';

type TemplateParameter = { key: string; value: unknown; type?: string };

/**
 * Turns a parameter value typed in n8n into what the template parameter's type expects. A Number that is
 * not one is refused here: Number("abc") is NaN and JSON sends NaN (and Infinity) as null, so Bird would
 * get a template with a missing value, or send the message with a blank where the number belongs.
 */
function typedValue(
	context: BirdItemFunctions,
	parameter: TemplateParameter,
	row: number,
): unknown {
	const type = parameter.type ?? 'string';
	if (type === 'number') {
		const text = String(parameter.value ?? '').trim();
		const number = Number(text);
		// Number("") is 0, which would silently send a zero for a value left empty.
		if (!text || !Number.isFinite(number)) {
			throw fieldError(
				context,
				`Template Parameters (row ${row}) Value`,
				`${text ? `"${text}" is not a number` : 'is empty'}, but parameter "${String(parameter.key).trim()}" has Type Number`,
				'Enter a number such as 3 or 2.5 (a dot for decimals), or set the Type of this parameter to String.',
			);
		}
		return number;
	}
	if (type === 'boolean') return String(parameter.value).toLowerCase() === 'true';
	return parameter.value;
}

/**
 * A Bird template reference (docs/bird-api.md §3.2): Studio project ID, version, locale and parameters. The same
 * fields serve a conversation's initial message and a sent message.
 */
export function buildTemplate(context: BirdItemFunctions): IDataObject {
	const projectId = assertUuid(
		context,
		'Template Project ID',
		context.getNodeParameter('templateProjectId', ''),
	);
	const version = requiredText(
		context,
		'templateVersion',
		'Template Version',
		'Enter the template version ID shown in Bird Studio.',
	);
	const locale = requiredText(
		context,
		'templateLocale',
		'Template Locale',
		'Enter a locale the template is translated to, e.g. en or nl.',
		'en',
	);
	const rows = ((context.getNodeParameter('templateParameters', {}) as IDataObject).parameter ??
		[]) as TemplateParameter[];
	const template: IDataObject = { projectId, version, locale };
	if (rows.length) {
		template.parameters = rows.map((row, index) => {
			assertNotEmpty(
				context,
				`Template Parameters (row ${index + 1}) Key`,
				row.key,
				'Enter the name of the template variable.',
			);
			return {
				type: row.type ?? 'string',
				key: row.key,
				value: typedValue(context, row, index + 1),
			};
		});
	}
	return template;
}

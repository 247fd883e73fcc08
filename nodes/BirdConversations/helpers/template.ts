import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { assertNotEmpty, assertUuid } from './validate';

type TemplateParameter = { key: string; value: string; type?: string };

/** Turns a parameter value typed in n8n into what the template parameter's type expects. */
function typedValue(parameter: TemplateParameter): unknown {
	const type = parameter.type ?? 'string';
	if (type === 'number') return Number(parameter.value);
	if (type === 'boolean') return String(parameter.value).toLowerCase() === 'true';
	return parameter.value;
}

/**
 * A Bird template reference (REFERENCE §2.6): Studio project ID, version, locale and parameters. The same
 * fields serve a conversation's initial message and a sent message.
 */
export function buildTemplate(context: IExecuteSingleFunctions): IDataObject {
	const projectId = assertUuid(context, 'Template Project ID', context.getNodeParameter('templateProjectId', ''));
	const version = assertNotEmpty(context, 'Template Version', context.getNodeParameter('templateVersion', ''), 'Enter the template version ID shown in Bird Studio.');
	const locale = assertNotEmpty(context, 'Template Locale', context.getNodeParameter('templateLocale', 'en'), 'Enter a locale the template is translated to, e.g. en or nl.');
	const rows = ((context.getNodeParameter('templateParameters', {}) as IDataObject).parameter ?? []) as TemplateParameter[];
	const template: IDataObject = { projectId, version, locale };
	if (rows.length) {
		template.parameters = rows.map((row, index) => {
			assertNotEmpty(context, `Template Parameters (row ${index + 1}) Key`, row.key, 'Enter the name of the template variable.');
			return { type: row.type ?? 'string', key: row.key, value: typedValue(row) };
		});
	}
	return template;
}

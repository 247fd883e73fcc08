import type { FormFieldsParameter, IDataObject } from 'n8n-workflow';

/**
 * The response form's fields: Free Text's single field, or the Custom Form's as n8n's form fields define them
 * (Form Elements rows or the JSON of Define Form → Using JSON), and what a submission of them outputs. Pure.
 */

export interface FormField {
	/** The form control's name: `field-<index>`, so labels never reach an attribute or a key in the body. */
	name: string;
	label: string;
	type: string;
	required: boolean;
	options: string[];
	multiselect: boolean;
	placeholder: string;
	/** Pre-filled value; the text of an HTML element; the value of a hidden field. */
	defaultValue: string;
	/** The key the answer has in the output: the label, or a hidden field's Field Name. */
	outputKey: string;
}

/** n8n's form field types this page can render; File is not offered (Bird's links carry no uploads). */
export const FIELD_TYPES = [
	'checkbox',
	'date',
	'dropdown',
	'email',
	'hiddenField',
	'html',
	'number',
	'password',
	'radio',
	'text',
	'textarea',
];

export const FREE_TEXT_FIELDS: FormField[] = [
	{
		name: 'field-0',
		label: 'Response',
		type: 'textarea',
		required: true,
		options: [],
		multiselect: false,
		placeholder: '',
		defaultValue: '',
		outputKey: 'text',
	},
];

/** The fields to render, or an Error naming the one that cannot be used (the caller adds the node). */
export function formFieldsFrom(definitions: FormFieldsParameter): FormField[] {
	return definitions.map((definition, index) => {
		const type = definition.fieldType ?? 'text';
		const label = String(definition.fieldLabel ?? '').trim();
		if (!FIELD_TYPES.includes(type))
			throw new Error(
				`Field ${index + 1}${label ? ` ("${label}")` : ''} has the type "${type}", which the response form does not support`,
			);
		const hidden = type === 'hiddenField';
		const key = hidden ? String(definition.fieldName ?? '').trim() || label : label;
		if (!key && type !== 'html')
			throw new Error(`Field ${index + 1} has no ${hidden ? 'Field Name' : 'Field Name/label'}`);
		return {
			name: `field-${index}`,
			label,
			type,
			required: definition.requiredField === true && !hidden && type !== 'html',
			options: (definition.fieldOptions?.values ?? [])
				.map((entry) => String(entry.option ?? ''))
				.filter(Boolean),
			multiselect: definition.multiselect === true,
			placeholder: String(definition.placeholder ?? ''),
			defaultValue: String(
				(hidden
					? definition.fieldValue
					: type === 'html'
						? definition.html
						: definition.defaultValue) ?? '',
			),
			outputKey: key,
		};
	});
}

/** A submitted value as a list: multipart parsers give arrays for repeated names, URL-encoded ones strings. */
function submitted(body: IDataObject, name: string): string[] {
	const value = body[name];
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : [value];
	return list.map((entry) => String(entry)).filter((entry) => entry !== '');
}

export type Submission = { values: IDataObject } | { error: string };

/** The answers keyed by their output key, checked as the form's controls promise; or why it was refused. */
export function readSubmission(fields: FormField[], body: IDataObject): Submission {
	const values: IDataObject = {};
	for (const field of fields) {
		if (field.type === 'html') continue;
		const given = submitted(body, field.name);
		if (field.required && given.length === 0) return { error: `${field.label} is required.` };
		const many = field.type === 'checkbox' || (field.type === 'dropdown' && field.multiselect);
		if (field.options.length && given.some((value) => !field.options.includes(value)))
			return { error: `${field.label}: choose one of the listed options.` };
		if (many) {
			values[field.outputKey] = given;
			continue;
		}
		const value = given[0] ?? (field.type === 'hiddenField' ? field.defaultValue : '');
		if (field.type === 'number') {
			if (value === '') {
				values[field.outputKey] = null;
				continue;
			}
			const number = Number(value);
			if (!Number.isFinite(number)) return { error: `${field.label} must be a number.` };
			values[field.outputKey] = number;
			continue;
		}
		if (field.type === 'email' && value !== '' && !/^[^\s@]+@[^\s@]+$/.test(value))
			return { error: `${field.label} must be an e-mail address.` };
		values[field.outputKey] = value;
	}
	return { values };
}

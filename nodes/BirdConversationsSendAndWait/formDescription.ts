import type { INodeProperties } from 'n8n-workflow';

/**
 * The Custom Form part of Send and Wait's fields: Define Form (fields or JSON) and the form elements, with
 * n8n's Form node parameter names (defineForm, jsonOutput, formFields.values.*), which n8n's human-review
 * tools and users' existing JSON forms rely on. formFields.ts reads what these fields hold.
 */
export function customFormFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Define Form',
			name: 'defineForm',
			type: 'options',
			noDataExpression: true,
			default: 'fields',
			displayOptions: { show },
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json' },
			],
		},
		{
			displayName: 'Form Fields',
			name: 'jsonOutput',
			type: 'json',
			typeOptions: { rows: 5 },
			default:
				'[\n  {\n    "fieldLabel": "Comment",\n    "fieldType": "textarea",\n    "requiredField": true\n  }\n]',
			description:
				'The form fields as JSON, as in n8n\'s Form node: an array of objects with fieldLabel, fieldType (text, textarea, email, number, password, date, dropdown, checkbox, radio, hiddenField), requiredField, placeholder, fieldOptions ({ "values": [{ "option": "A" }] }) and multiselect',
			displayOptions: { show: { ...show, defineForm: ['json'] } },
		},
		{
			displayName: 'Form Elements',
			name: 'formFields',
			type: 'fixedCollection',
			placeholder: 'Add Form Element',
			default: {},
			typeOptions: { multipleValues: true, sortable: true },
			displayOptions: { show: { ...show, defineForm: ['fields'] } },
			options: [{ displayName: 'Values', name: 'values', values: formElementFields() }],
		},
	];
}

function formElementFields(): INodeProperties[] {
	const forTypes = (...fieldType: string[]) => ({ show: { fieldType } });
	return [
		{
			displayName: 'Field Label',
			name: 'fieldLabel',
			type: 'string',
			default: '',
			placeholder: 'e.g. What is your name?',
			description: 'The label of the field, and its key in the output',
			required: true,
			displayOptions: { hide: { fieldType: ['hiddenField'] } },
		},
		{
			displayName: 'Element Type',
			name: 'fieldType',
			type: 'options',
			default: 'text',
			options: [
				{ name: 'Checkboxes', value: 'checkbox' },
				{ name: 'Date', value: 'date' },
				{ name: 'Dropdown', value: 'dropdown' },
				{ name: 'Email', value: 'email' },
				{ name: 'Hidden Field', value: 'hiddenField' },
				{ name: 'Number', value: 'number' },
				{ name: 'Password', value: 'password' },
				{ name: 'Radio Buttons', value: 'radio' },
				{ name: 'Text', value: 'text' },
				{ name: 'Textarea', value: 'textarea' },
			],
		},
		{
			displayName: 'Placeholder',
			name: 'placeholder',
			type: 'string',
			default: '',
			displayOptions: forTypes('text', 'textarea', 'email', 'number', 'password'),
		},
		{
			displayName: 'Hidden Field Name',
			name: 'fieldName',
			type: 'string',
			default: '',
			description: 'The key of the hidden value in the output',
			displayOptions: forTypes('hiddenField'),
		},
		{
			displayName: 'Field Value',
			name: 'fieldValue',
			type: 'string',
			default: '',
			displayOptions: forTypes('hiddenField'),
		},
		{
			displayName: 'Field Options',
			name: 'fieldOptions',
			placeholder: 'Add Field Option',
			type: 'fixedCollection',
			default: { values: [{ option: '' }] },
			required: true,
			typeOptions: { multipleValues: true, sortable: true },
			displayOptions: forTypes('dropdown', 'checkbox', 'radio'),
			options: [
				{
					displayName: 'Values',
					name: 'values',
					values: [{ displayName: 'Option', name: 'option', type: 'string', default: '' }],
				},
			],
		},
		{
			displayName: 'Multiple Choice',
			name: 'multiselect',
			type: 'boolean',
			default: false,
			description: 'Whether the responder may pick more than one option',
			displayOptions: forTypes('dropdown'),
		},
		{
			displayName: 'Required Field',
			name: 'requiredField',
			type: 'boolean',
			default: false,
			description: 'Whether the responder must fill in this field',
			displayOptions: { hide: { fieldType: ['hiddenField'] } },
		},
	];
}

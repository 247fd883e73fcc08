import type { INodeProperties } from 'n8n-workflow';

import { ROWS_TEXT } from '../shared/constants';
import type { Show } from '../BirdConversations/descriptions/common';
import { byDisplayName, conversationLocator } from '../BirdConversations/descriptions/common';
import { sendFields } from '../BirdConversations/descriptions/message/send';

/**
 * The fields of Message → Send and Wait for Response. The parameter names are those of n8n's own send-and-wait
 * nodes (message, responseType, approvalOptions, defineForm, formFields, jsonOutput, options.*): n8n core and its
 * human-review tools for AI agents read them by name. Conversation and sender are Message → Send's own fields.
 */
export function sendAndWaitFields(show: Show): INodeProperties[] {
	const when = (extra: Record<string, string[]>) => ({ show: { ...show, ...extra } });
	const sender = sendFields(show).filter((field) =>
		['senderType', 'senderId'].includes(field.name),
	);
	return [
		conversationLocator(show),
		...sender,
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: ROWS_TEXT },
			required: true,
			default: '',
			description: 'The text the responder reads; the response links follow it',
			displayOptions: { show },
		},
		{
			displayName: 'Message Format',
			name: 'messageFormat',
			type: 'options',
			default: 'text',
			displayOptions: { show },
			options: [
				{
					name: 'HTML (E-Mail)',
					value: 'html',
					description: 'An e-mail with a button per response link',
				},
				{
					name: 'Text',
					value: 'text',
					description:
						'For chat channels (SMS, WhatsApp...): the message, then each link as a "Label: URL" line',
				},
			],
		},
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			placeholder: 'e.g. Approval required',
			displayOptions: when({ messageFormat: ['html'] }),
		},
		{
			displayName: 'Response Type',
			name: 'responseType',
			type: 'options',
			default: 'approval',
			displayOptions: { show },
			options: [
				{
					name: 'Approval',
					value: 'approval',
					description: 'The responder approves (or declines) with a link',
				},
				{
					name: 'Custom Form',
					value: 'customForm',
					description: 'The responder fills in a form with the fields defined here',
				},
				{
					name: 'Free Text',
					value: 'freeText',
					description: 'The responder writes an answer in a form with one text field',
				},
			],
		},
		{
			displayName: 'Approval Options',
			name: 'approvalOptions',
			type: 'fixedCollection',
			placeholder: 'Add option',
			default: {},
			displayOptions: when({ responseType: ['approval'] }),
			options: [
				{
					displayName: 'Values',
					name: 'values',
					values: [
						{
							displayName: 'Type of Approval',
							name: 'approvalType',
							type: 'options',
							default: 'single',
							options: [
								{ name: 'Approve Only', value: 'single' },
								{ name: 'Approve and Decline', value: 'double' },
							],
						},
						{
							displayName: 'Approve Button Label',
							name: 'approveLabel',
							type: 'string',
							default: 'Approve',
						},
						{
							displayName: 'Decline Button Label',
							name: 'disapproveLabel',
							type: 'string',
							default: 'Decline',
							displayOptions: { show: { approvalType: ['double'] } },
						},
					],
				},
			],
		},
		...customFormFields(when({ responseType: ['customForm'] }).show),
		optionsCollection(show),
	];
}

function customFormFields(show: Record<string, string[]>): INodeProperties[] {
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

/** Options: Limit Wait Time and the attribution for every response type; the form's texts for the forms. */
function optionsCollection(show: Show): INodeProperties {
	const forForms = { show: { '/responseType': ['freeText', 'customForm'] } };
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: byDisplayName([
			{
				displayName: 'Append Attribution',
				name: 'appendAttribution',
				type: 'boolean',
				default: true,
				description: 'Whether to end the message (and the form) with "Sent automatically with n8n"',
			},
			{
				displayName: 'Limit Wait Time',
				name: 'limitWaitTime',
				type: 'fixedCollection',
				default: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' },
				},
				description:
					'Whether to stop waiting for a response at some point: the workflow then continues with the input of this node (n8n checks about once a minute)',
				options: [{ displayName: 'Values', name: 'values', values: limitWaitTimeFields() }],
			},
			{
				displayName: 'Message Button Label',
				name: 'messageButtonLabel',
				type: 'string',
				default: 'Respond',
				description: 'The label of the link to the form',
				displayOptions: forForms,
			},
			{
				displayName: 'Response Form Button Label',
				name: 'responseFormButtonLabel',
				type: 'string',
				default: 'Submit',
				displayOptions: forForms,
			},
			{
				displayName: 'Response Form Description',
				name: 'responseFormDescription',
				type: 'string',
				default: '',
				description: 'The text above the form; the message if empty',
				displayOptions: forForms,
			},
			{
				displayName: 'Response Form Title',
				name: 'responseFormTitle',
				type: 'string',
				default: '',
				displayOptions: forForms,
			},
		]),
	};
}

function limitWaitTimeFields(): INodeProperties[] {
	const interval = { show: { limitType: ['afterTimeInterval'] } };
	return [
		{
			displayName: 'Limit Type',
			name: 'limitType',
			type: 'options',
			default: 'afterTimeInterval',
			options: [
				{
					name: 'After Time Interval',
					value: 'afterTimeInterval',
					description: 'Stop waiting after an amount of time',
				},
				{
					name: 'At Specified Time',
					value: 'atSpecifiedTime',
					description: 'Stop waiting at a date and time',
				},
			],
		},
		{
			displayName: 'Amount',
			name: 'resumeAmount',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 0, numberPrecision: 2 },
			displayOptions: interval,
		},
		{
			displayName: 'Unit',
			name: 'resumeUnit',
			type: 'options',
			default: 'hours',
			displayOptions: interval,
			options: [
				{ name: 'Minutes', value: 'minutes' },
				{ name: 'Hours', value: 'hours' },
				{ name: 'Days', value: 'days' },
			],
		},
		{
			displayName: 'Max Date and Time',
			name: 'maxDateAndTime',
			type: 'dateTime',
			default: '',
			displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
		},
	];
}

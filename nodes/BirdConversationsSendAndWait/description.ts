import type { INodeProperties } from 'n8n-workflow';

import { ROWS_TEXT } from '../shared/constants';
import type { Show } from '../BirdConversations/descriptions/common';
import { byDisplayName, conversationLocator } from '../BirdConversations/descriptions/common';
import { sendFields } from '../BirdConversations/descriptions/message/send';
import { customFormFields } from './formDescription';

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

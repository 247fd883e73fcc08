import type { FormFieldsParameter, IDataObject } from 'n8n-workflow';
import { tryToParseJsonToFormFields } from 'n8n-workflow';

import type { FormField } from './formFields';
import { formFieldsFrom, FREE_TEXT_FIELDS } from './formFields';
import type { ApprovalSettings, ResponseType } from './message';

/**
 * The response settings of Send and Wait for Response, read the same way when the message is sent (execute.ts,
 * item 0) and when a link is opened (webhook.ts), so the page always matches the message. Parameter names are
 * those of n8n's own send-and-wait nodes (responseType, approvalOptions.values, defineForm, formFields.values,
 * jsonOutput, options.*), which n8n's human-review tools for AI agents also read.
 */

/** `getNodeParameter` without the item index: execute passes item 0, the webhook has no index. */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

export const DEFAULT_APPROVE_LABEL = 'Approve';
export const DEFAULT_DISAPPROVE_LABEL = 'Decline';
export const DEFAULT_MESSAGE_BUTTON_LABEL = 'Respond';
export const DEFAULT_FORM_BUTTON_LABEL = 'Submit';

export function responseTypeOf(read: ParameterReader): ResponseType {
	const value = read('responseType', 'approval');
	return value === 'freeText' || value === 'customForm' ? value : 'approval';
}

const text = (value: unknown, fallback: string) =>
	typeof value === 'string' && value.trim() ? value.trim() : fallback;

export function approvalSettingsOf(read: ParameterReader): ApprovalSettings {
	const values = (read('approvalOptions.values', {}) ?? {}) as IDataObject;
	return {
		approvalType: values.approvalType === 'double' ? 'double' : 'single',
		approveLabel: text(values.approveLabel, DEFAULT_APPROVE_LABEL),
		disapproveLabel: text(values.disapproveLabel, DEFAULT_DISAPPROVE_LABEL),
	};
}

export interface FormSettings {
	messageButtonLabel: string;
	title: string;
	description: string;
	buttonLabel: string;
	attribution: boolean;
}

/** The form page's texts; the description defaults to the message, as in n8n's own nodes. */
export function formSettingsOf(read: ParameterReader): FormSettings {
	const options = (read('options', {}) ?? {}) as IDataObject;
	return {
		messageButtonLabel: text(options.messageButtonLabel, DEFAULT_MESSAGE_BUTTON_LABEL),
		title: text(options.responseFormTitle, ''),
		description: text(options.responseFormDescription, String(read('message', '') ?? '')),
		buttonLabel: text(options.responseFormButtonLabel, DEFAULT_FORM_BUTTON_LABEL),
		attribution: options.appendAttribution !== false,
	};
}

/**
 * The fields of the response form. Throws an Error saying what is wrong with a Custom Form definition (invalid
 * JSON, an unsupported field type, no fields); the caller turns it into an error naming the field.
 */
export function formFieldsOf(read: ParameterReader, responseType: ResponseType): FormField[] {
	if (responseType === 'freeText') return FREE_TEXT_FIELDS;
	let definitions: FormFieldsParameter;
	if (read('defineForm', 'fields') === 'json') {
		const json = read('jsonOutput', '[]');
		definitions = tryToParseJsonToFormFields(
			typeof json === 'string' ? json : JSON.stringify(json),
		);
	} else {
		definitions = (read('formFields.values', []) ?? []) as FormFieldsParameter;
	}
	const fields = formFieldsFrom(definitions);
	if (!fields.some((field) => field.type !== 'html'))
		throw new Error('The form has no fields to answer');
	return fields;
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { conversationIdOf } from '../BirdConversations/helpers/messageBody';
import { fieldError, requiredText } from '../BirdConversations/helpers/validate';
import { birdRequest } from '../shared/transport';
import { itemContext } from '../BirdConversations/actions/itemContext';
import { itemPolicy, openSession } from '../BirdConversations/actions/request';
import { responseLinks, waitingMessageBody } from './message';
import type { ParameterReader } from './settings';
import { approvalSettingsOf, formFieldsOf, formSettingsOf, responseTypeOf } from './settings';
import { waitTillFrom } from './waitTill';

/**
 * Message → Send and Wait for Response: sends one message with the response links into the conversation, then
 * puts the execution to wait (n8n's putExecutionToWait) until a link is used (webhook.ts resumes it) or Limit
 * Wait Time is reached (n8n's wait tracker resumes it and the node passes its input on unchanged, as n8n's own
 * send-and-wait nodes do).
 *
 * Like n8n's own nodes, it sends once per execution, for the first item: an execution waits once, and one
 * response resumes it. Every field is checked before anything is sent, and an invalid Custom Form is refused
 * here rather than when the responder opens it.
 */
export async function sendAndWait(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const single = itemContext(this, 0, items);
	try {
		const conversationId = conversationIdOf(single);
		const message = requiredText(
			single,
			'message',
			'Message',
			'Enter the text the responder reads above the response links.',
		);
		const senderType = String(this.getNodeParameter('senderType', 0, 'accessKey'));
		const senderId = requiredText(
			single,
			'senderId',
			'Sender ID',
			senderType === 'accessKey'
				? 'Enter the ID (not the secret) of your Bird access key, shown next to the key in Bird under Settings → Security → Access keys.'
				: 'Enter the ID of the sending participant.',
		).trim();
		const read: ParameterReader = (name, fallback) => this.getNodeParameter(name, 0, fallback);
		const responseType = responseTypeOf(read);
		const form = formSettingsOf(read);
		if (responseType === 'customForm') {
			try {
				formFieldsOf(read, responseType);
			} catch (error) {
				throw fieldError(
					single,
					'Form Elements',
					(error as Error).message,
					'Fix the form definition: every field needs a label, and File fields are not supported.',
				);
			}
		}
		let waitTill: Date;
		try {
			waitTill = waitTillFrom(
				this.getNodeParameter('options.limitWaitTime.values', 0, {}) as IDataObject,
				new Date(),
			);
		} catch (error) {
			throw fieldError(
				single,
				'Limit Wait Time',
				(error as Error).message,
				'Enter an amount of minutes, hours or days, or a valid date and time.',
			);
		}
		const format = this.getNodeParameter('messageFormat', 0, 'text') === 'html' ? 'html' : 'text';
		const links = responseLinks(
			responseType,
			approvalSettingsOf(read),
			form.messageButtonLabel,
			(query) => this.getSignedResumeUrl(query),
		);
		const body: IDataObject = {
			participantType: senderType,
			participantId: senderId,
			// As in Message → Send: without it a sender that is not yet a participant fails (docs/bird-api.md §3.3).
			addMissingParticipants: true,
			body: waitingMessageBody({
				format,
				message,
				subject: format === 'html' ? String(this.getNodeParameter('subject', 0, '')) : '',
				links,
				attribution: form.attribution,
			}),
		};
		const { baseURL, workspace, authorization } = await openSession(this);
		await birdRequest(
			single,
			{
				method: 'POST',
				baseURL,
				url: `/workspaces/${workspace}/conversations/${encodeURIComponent(conversationId)}/messages`,
				headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
				body,
				json: true,
			},
			itemPolicy(single, authorization),
		);
		await this.putExecutionToWait(waitTill);
		return [items];
	} catch (caught) {
		const error =
			caught instanceof NodeApiError || caught instanceof NodeOperationError
				? caught
				: new NodeApiError(this.getNode(), caught as JsonObject, { itemIndex: 0 });
		if (this.continueOnFail())
			return [[{ json: { error: error.message }, error, pairedItem: { item: 0 } }]];
		throw error;
	}
}

import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readSubmission } from './formFields';
import { formPage, messagePage, PAGE_HEADERS, RECORDED_PAGE } from './page';
import type { ParameterReader } from './settings';
import { formFieldsOf, formSettingsOf, responseTypeOf } from './settings';

/**
 * The waiting webhook of Send and Wait for Response (GET and POST on `{resumeUrl}/{nodeId}`). n8n has already
 * checked the link's signature before calling this (its waiting webhooks do for any node whose operation is
 * sendAndWait) and refused a changed or foreign link with 401, so here only the answer itself is read.
 *
 * Returning `noWebhookResponse` alone keeps the execution waiting; returning it with `workflowData` resumes it
 * with that item. Every page is written here, with PAGE_HEADERS (page.ts), rather than left to n8n.
 *
 * Output: approval `{ data: { approved, respondedAt } }`, free text `{ data: { text, respondedAt } }`, custom
 * form `{ data: { <field label>: value, ..., respondedAt } }`.
 */

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

function sendPage(res: Response, status: number, html: string): void {
	for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
	res.status(status).send(html);
}

const keepWaiting = (): IWebhookResponseData => ({ noWebhookResponse: true });

function resume(res: Response, data: IDataObject): IWebhookResponseData {
	sendPage(res, 200, RECORDED_PAGE);
	return {
		noWebhookResponse: true,
		workflowData: [[{ json: { data: { ...data, respondedAt: new Date().toISOString() } } }]],
	};
}

/**
 * Chat apps fetch every link in a message to draw a preview (WhatsApp, Telegram, Slack, Facebook, iMessage...);
 * such a fetch must not count as a click on Approve. Their user agents name themselves; browsers do not.
 */
const LINK_PREVIEW_AGENT =
	/bot\b|bot\/|crawler|spider|preview|facebookexternalhit|facebookcatalog|whatsapp|telegram|slack|discord|skypeuripreview|linkedin|embedly|iframely|vkshare|pinterest|snapchat|bingpreview/i;

export function isLinkPreview(userAgent: string | undefined): boolean {
	return LINK_PREVIEW_AGENT.test(userAgent ?? '');
}

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const res = this.getResponseObject();
	const read: ParameterReader = (name, fallback) => this.getNodeParameter(name, fallback);
	const responseType = responseTypeOf(read);

	if (responseType === 'approval') {
		if (req.method !== 'GET') {
			sendPage(res, 405, messagePage('Not allowed', 'Open the link from the message to respond.'));
			return keepWaiting();
		}
		if (isLinkPreview(req.headers['user-agent'])) {
			sendPage(res, 200, messagePage('Response link', 'Open this link in a browser to respond.'));
			return keepWaiting();
		}
		const approved = (req.query as IDataObject).approved;
		if (approved !== 'true' && approved !== 'false') {
			sendPage(res, 400, messagePage('Not recorded', 'This link does not carry an answer.'));
			return keepWaiting();
		}
		return resume(res, { approved: approved === 'true' });
	}

	const settings = formSettingsOf(read);
	let fields;
	try {
		fields = formFieldsOf(read, responseType);
	} catch (error) {
		// The definition was checked when the message went out; an expression may still resolve differently now.
		this.logger.warn(
			`Send and Wait for Response: the response form cannot be shown: ${String(error)}`,
		);
		sendPage(res, 500, messagePage('Form unavailable', 'This form cannot be shown.'));
		return keepWaiting();
	}
	const showForm = (status: number, error?: string) =>
		sendPage(
			res,
			status,
			formPage({
				title: settings.title,
				description: settings.description,
				buttonLabel: settings.buttonLabel,
				fields,
				error,
				attribution: settings.attribution,
			}),
		);

	if (req.method === 'GET') {
		showForm(200);
		return keepWaiting();
	}
	// multipart/form-data: n8n's webhook body parser puts the fields under `data`; URL-encoded: the body itself.
	const body = (this.getBodyData() ?? {}) as IDataObject;
	const submitted = (
		body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? body.data : body
	) as IDataObject;
	const outcome = readSubmission(fields, submitted);
	if ('error' in outcome) {
		showForm(400, outcome.error);
		return keepWaiting();
	}
	return resume(res, outcome.values);
}

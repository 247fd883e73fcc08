import type { IDataObject } from 'n8n-workflow';

import { escapeHtml } from './page';

/**
 * The message Send and Wait for Response puts into the conversation: the user's text plus the links that
 * answer it, as Bird's text body on chat channels or as an HTML e-mail with buttons (docs/bird-api.md §3.2).
 * Pure: the links arrive already signed (execute.ts signs them with n8n's getSignedResumeUrl).
 */

export type ResponseType = 'approval' | 'freeText' | 'customForm';

export interface ApprovalSettings {
	approvalType: 'single' | 'double';
	approveLabel: string;
	disapproveLabel: string;
}

export interface ResponseLink {
	label: string;
	url: string;
	/** The button's look in the e-mail: approving or answering is primary, declining secondary. */
	primary: boolean;
}

/** Signs n8n's resume URL of this execution and node with extra query parameters (getSignedResumeUrl). */
export type ResumeUrlSigner = (query?: Record<string, string>) => string;

/**
 * The links of the message. Approval: one signed link per answer, `approved=true` / `approved=false` in the
 * signed query (so a changed answer breaks the signature); Free Text and Custom Form: one signed link to the form.
 */
export function responseLinks(
	responseType: ResponseType,
	approval: ApprovalSettings,
	formButtonLabel: string,
	sign: ResumeUrlSigner,
): ResponseLink[] {
	if (responseType !== 'approval') return [{ label: formButtonLabel, url: sign(), primary: true }];
	const links = [{ label: approval.approveLabel, url: sign({ approved: 'true' }), primary: true }];
	if (approval.approvalType === 'double')
		links.push({
			label: approval.disapproveLabel,
			url: sign({ approved: 'false' }),
			primary: false,
		});
	return links;
}

export const ATTRIBUTION_TEXT = 'Sent automatically with n8n';
const ATTRIBUTION_URL = 'https://n8n.io';

/**
 * Chat channels (SMS, WhatsApp, Telegram...) show plain text and make URLs clickable themselves: the message,
 * a blank line, then one `Label: URL` line per link, then the attribution.
 */
export function textMessage(message: string, links: ResponseLink[], attribution: boolean): string {
	const parts = [message.trim(), links.map((link) => `${link.label}: ${link.url}`).join('\n')];
	if (attribution) parts.push(ATTRIBUTION_TEXT);
	return parts.join('\n\n');
}

const BUTTON_STYLE = {
	primary:
		'display:inline-block;margin:4px 8px 4px 0;padding:10px 20px;border-radius:6px;background:#1f6feb;color:#ffffff;text-decoration:none;font-weight:600',
	secondary:
		'display:inline-block;margin:4px 8px 4px 0;padding:10px 20px;border-radius:6px;border:1px solid #8c959f;background:#ffffff;color:#1f2328;text-decoration:none;font-weight:600',
};

/**
 * E-mail: the message as escaped text (line breaks kept), one button per link, the attribution as a small
 * footer. Everything the user or an expression typed is escaped: the message is text, not markup.
 */
export function htmlMessage(message: string, links: ResponseLink[], attribution: boolean): string {
	const text = escapeHtml(message.trim()).replace(/\r?\n/g, '<br>');
	const buttons = links
		.map(
			(link) =>
				`<a href="${escapeHtml(link.url)}" target="_blank" style="${link.primary ? BUTTON_STYLE.primary : BUTTON_STYLE.secondary}">${escapeHtml(link.label)}</a>`,
		)
		.join('\n');
	const footer = attribution
		? `<p style="margin-top:24px;font-size:12px;color:#656d76"><a href="${ATTRIBUTION_URL}" style="color:#656d76">${ATTRIBUTION_TEXT}</a></p>`
		: '';
	return [
		'<!DOCTYPE html>',
		'<html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328">',
		`<p>${text}</p>`,
		`<p>${buttons}</p>`,
		footer,
		'</body></html>',
	]
		.filter(Boolean)
		.join('\n');
}

export interface WaitingMessage {
	format: 'text' | 'html';
	message: string;
	subject: string;
	links: ResponseLink[];
	attribution: boolean;
}

/** Bird's message `body` (docs/bird-api.md §3.2): text, or html with its plain-text alternative and subject. */
export function waitingMessageBody(parts: WaitingMessage): IDataObject {
	const text = textMessage(parts.message, parts.links, parts.attribution);
	if (parts.format === 'text') return { type: 'text', text: { text } };
	const html: IDataObject = {
		html: htmlMessage(parts.message, parts.links, parts.attribution),
		text,
	};
	if (parts.subject.trim()) html.metadata = { subject: parts.subject.trim() };
	return { type: 'html', html };
}

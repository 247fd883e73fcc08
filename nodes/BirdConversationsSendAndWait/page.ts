import type { FormField } from './formFields';

/**
 * The pages a responder sees after opening a link: the response form (Free Text, Custom Form) and the short
 * answers (recorded, not recorded). Our own markup, pure functions of their input. Everything from the node's
 * parameters or the request is escaped; the pages load nothing and run no script, and webhook.ts sends them with
 * CONTENT_SECURITY_POLICY, which allows only the inline style and a form posting back to the same page.
 */

export function escapeHtml(value: unknown): string {
	return String(value ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** No scripts, no external resources, no framing; the form may post only to its own origin. */
export const CONTENT_SECURITY_POLICY =
	"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Headers of every page: the CSP, and no referrer (the page's URL carries the signature) and no caching. */
export const PAGE_HEADERS: Record<string, string> = {
	'Content-Type': 'text/html; charset=utf-8',
	'Content-Security-Policy': CONTENT_SECURITY_POLICY,
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'no-referrer',
	'Cache-Control': 'no-store',
};

const STYLE = `
body{margin:0;background:#f6f8fa;font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5}
main{max-width:480px;margin:48px auto;padding:32px;background:#fff;border:1px solid #d0d7de;border-radius:12px}
h1{margin:0 0 12px;font-size:22px}
p.description{white-space:pre-line;color:#424a53}
label{display:block;margin:16px 0 4px;font-weight:600}
label.choice{display:flex;gap:8px;margin:6px 0;font-weight:400}
input[type=text],input[type=email],input[type=number],input[type=password],input[type=date],select,textarea{box-sizing:border-box;width:100%;padding:8px 10px;border:1px solid #8c959f;border-radius:6px;font:inherit}
textarea{min-height:120px}
.required{color:#cf222e}
.error{padding:8px 12px;border-radius:6px;background:#ffebe9;color:#82071e}
button{margin-top:24px;padding:10px 20px;border:0;border-radius:6px;background:#1f6feb;color:#fff;font:inherit;font-weight:600;cursor:pointer}
footer{margin-top:24px;font-size:12px;color:#656d76}`;

function page(title: string, content: string): string {
	return [
		'<!DOCTYPE html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		'<meta name="robots" content="noindex, nofollow">',
		`<title>${escapeHtml(title)}</title>`,
		`<style>${STYLE}</style>`,
		'</head>',
		`<body><main>${content}</main></body>`,
		'</html>',
	].join('\n');
}

/** A short page with a heading and a line of text. */
export function messagePage(heading: string, text: string): string {
	return page(heading, `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p>`);
}

export const RECORDED_PAGE = messagePage(
	'Got it, thanks',
	'Your response has been recorded. You can close this page now.',
);

function fieldId(field: FormField): string {
	return `bird-${field.name}`;
}

function optionList(field: FormField, type: 'checkbox' | 'radio'): string {
	return field.options
		.map(
			(option) =>
				`<label class="choice"><input type="${type}" name="${escapeHtml(field.name)}" value="${escapeHtml(option)}">${escapeHtml(option)}</label>`,
		)
		.join('');
}

function fieldControl(field: FormField): string {
	const name = `name="${escapeHtml(field.name)}" id="${fieldId(field)}"`;
	const required = field.required ? ' required' : '';
	const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
	switch (field.type) {
		case 'textarea':
			return `<textarea ${name}${placeholder}${required}>${escapeHtml(field.defaultValue)}</textarea>`;
		case 'dropdown': {
			const options = field.options
				.map((option) => `<option value="${escapeHtml(option)}">${escapeHtml(option)}</option>`)
				.join('');
			const empty = field.multiselect ? '' : '<option value=""></option>';
			return `<select ${name}${field.multiselect ? ' multiple' : ''}${required}>${empty}${options}</select>`;
		}
		case 'checkbox':
			return `<div id="${fieldId(field)}">${optionList(field, 'checkbox')}</div>`;
		case 'radio':
			return `<div id="${fieldId(field)}">${optionList(field, 'radio')}</div>`;
		default: {
			const type = ['email', 'number', 'password', 'date'].includes(field.type)
				? field.type
				: 'text';
			const step = type === 'number' ? ' step="any"' : '';
			const value = field.defaultValue ? ` value="${escapeHtml(field.defaultValue)}"` : '';
			return `<input type="${type}" ${name}${step}${placeholder}${value}${required}>`;
		}
	}
}

function fieldBlock(field: FormField): string {
	if (field.type === 'hiddenField')
		return `<input type="hidden" name="${escapeHtml(field.name)}" value="${escapeHtml(field.defaultValue)}">`;
	if (field.type === 'html') return `<p class="description">${escapeHtml(field.defaultValue)}</p>`;
	const mark = field.required ? ' <span class="required">*</span>' : '';
	return `<label for="${fieldId(field)}">${escapeHtml(field.label)}${mark}</label>${fieldControl(field)}`;
}

export interface FormPage {
	title: string;
	description: string;
	buttonLabel: string;
	fields: FormField[];
	/** Why the last submission was refused, shown above the fields. */
	error?: string;
	attribution: boolean;
}

/**
 * The response form. It posts multipart/form-data to its own URL (no action attribute: the browser keeps the
 * signed query string), which is what n8n's waiting webhook validates.
 */
export function formPage(form: FormPage): string {
	const heading = form.title ? `<h1>${escapeHtml(form.title)}</h1>` : '';
	const description = form.description
		? `<p class="description">${escapeHtml(form.description)}</p>`
		: '';
	const error = form.error ? `<p class="error" role="alert">${escapeHtml(form.error)}</p>` : '';
	const footer = form.attribution ? '<footer>Sent automatically with n8n</footer>' : '';
	return page(
		form.title || 'Respond',
		[
			heading,
			description,
			error,
			'<form method="post" enctype="multipart/form-data">',
			...form.fields.map(fieldBlock),
			`<button type="submit">${escapeHtml(form.buttonLabel)}</button>`,
			'</form>',
			footer,
		].join('\n'),
	);
}

import { WAIT_INDEFINITELY } from 'n8n-workflow';

import {
	formFieldsFrom,
	readSubmission,
} from '../../../nodes/BirdConversationsSendAndWait/formFields';
import {
	htmlMessage,
	responseLinks,
	textMessage,
	waitingMessageBody,
} from '../../../nodes/BirdConversationsSendAndWait/message';
import {
	CONTENT_SECURITY_POLICY,
	escapeHtml,
	formPage,
	messagePage,
} from '../../../nodes/BirdConversationsSendAndWait/page';
import { waitTillFrom } from '../../../nodes/BirdConversationsSendAndWait/waitTill';
import { isLinkPreview } from '../../../nodes/BirdConversationsSendAndWait/webhook';

/** The pure parts of Send and Wait for Response: links, message bodies, pages, form answers, time limit. */

const sign = (query?: Record<string, string>) =>
	`https://n8n.example.com/webhook-waiting/7/node?${new URLSearchParams({ ...query, signature: 'abc' })}`;
const single = {
	approvalType: 'single' as const,
	approveLabel: 'Approve',
	disapproveLabel: 'Decline',
};
const double = { ...single, approvalType: 'double' as const };

describe('response links', () => {
	it('approval: one signed link per answer, the answer inside the signed query', () => {
		expect(responseLinks('approval', single, 'Respond', sign)).toEqual([
			{ label: 'Approve', url: sign({ approved: 'true' }), primary: true },
		]);
		expect(responseLinks('approval', double, 'Respond', sign).map((l) => l.url)).toEqual([
			sign({ approved: 'true' }),
			sign({ approved: 'false' }),
		]);
	});

	it('forms: one link to the form, with the message button label', () => {
		expect(responseLinks('freeText', double, 'Answer', sign)).toEqual([
			{ label: 'Answer', url: sign(), primary: true },
		]);
	});
});

describe('message bodies', () => {
	const links = responseLinks('approval', double, 'Respond', sign);

	it('text: the message, the Label: URL lines, the attribution', () => {
		expect(textMessage('  Refund?\n', links, true)).toBe(
			`Refund?\n\nApprove: ${links[0].url}\nDecline: ${links[1].url}\n\nSent automatically with n8n`,
		);
		expect(textMessage('Refund?', links, false)).not.toContain('Sent automatically');
	});

	it('html: escapes the message and labels, keeps line breaks, escapes the URL in href', () => {
		const html = htmlMessage(
			'<b>Refund</b> & more\nsecond line',
			[{ label: 'Yes <now>', url: 'https://x/?a=1&signature=s', primary: true }],
			false,
		);
		expect(html).toContain('&lt;b&gt;Refund&lt;/b&gt; &amp; more<br>second line');
		expect(html).toContain('href="https://x/?a=1&amp;signature=s"');
		expect(html).toContain('>Yes &lt;now&gt;</a>');
		expect(html).not.toContain('<b>');
		expect(html).not.toContain('n8n.io');
	});

	it("html body: Bird's html type with the plain-text alternative and the subject", () => {
		const body = waitingMessageBody({
			format: 'html',
			message: 'Refund?',
			subject: ' Approval required ',
			links,
			attribution: true,
		});
		expect(body).toEqual({
			type: 'html',
			html: {
				html: expect.stringContaining('>Approve</a>'),
				text: textMessage('Refund?', links, true),
				metadata: { subject: 'Approval required' },
			},
		});
		expect(
			waitingMessageBody({ format: 'text', message: 'x', subject: 's', links, attribution: false }),
		).toEqual({ type: 'text', text: { text: textMessage('x', links, false) } });
	});
});

describe('pages', () => {
	it('escape everything and carry no script, and the CSP allows none', () => {
		expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe(
			'&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;',
		);
		const page = formPage({
			title: '<script>alert(1)</script>',
			description: 'Say "hi"',
			buttonLabel: '</button><script>',
			fields: formFieldsFrom([
				{
					fieldLabel: '"><img src=x onerror=alert(1)>',
					fieldType: 'text',
					placeholder: '" autofocus',
				},
				{ fieldLabel: 'Pick', fieldType: 'radio', fieldOptions: { values: [{ option: '<a>' }] } },
			]),
			error: '<i>bad</i>',
			attribution: false,
		});
		expect(page).not.toMatch(/<script|<img|<i>|<a>/);
		expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
		expect(page).toContain('placeholder="&quot; autofocus"');
		expect(messagePage('<h1>', '<p>')).not.toMatch(/<h1><h1>|<p><p>/);
		expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
		expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src/);
	});
});

describe('form answers', () => {
	const fields = formFieldsFrom([
		{ fieldLabel: 'Email', fieldType: 'email', requiredField: true },
		{
			fieldLabel: 'Colours',
			fieldType: 'dropdown',
			multiselect: true,
			fieldOptions: { values: [{ option: 'Red' }, { option: 'Blue' }] },
		},
		{ fieldLabel: 'Age', fieldType: 'number' },
	]);

	it('types the answers and keeps repeated names as a list', () => {
		expect(readSubmission(fields, { 'field-0': 'a@b.co', 'field-1': ['Red', 'Blue'] })).toEqual({
			values: { Email: 'a@b.co', Colours: ['Red', 'Blue'], Age: null },
		});
		expect(
			readSubmission(fields, { 'field-0': ['a@b.co'], 'field-1': 'Red', 'field-2': '41' }),
		).toEqual({ values: { Email: 'a@b.co', Colours: ['Red'], Age: 41 } });
	});

	it('refuses a missing required field, a bad e-mail and an option not offered', () => {
		expect(readSubmission(fields, {})).toEqual({ error: 'Email is required.' });
		expect(readSubmission(fields, { 'field-0': 'nope' })).toEqual({
			error: 'Email must be an e-mail address.',
		});
		expect(readSubmission(fields, { 'field-0': 'a@b.co', 'field-1': 'Green' })).toEqual({
			error: 'Colours: choose one of the listed options.',
		});
	});

	it('refuses field definitions it cannot render', () => {
		expect(() => formFieldsFrom([{ fieldLabel: 'CV', fieldType: 'file' }])).toThrow(
			'Field 1 ("CV") has the type "file"',
		);
		expect(() => formFieldsFrom([{ fieldLabel: ' ', fieldType: 'text' }])).toThrow(
			'Field 1 has no',
		);
	});
});

describe('Limit Wait Time', () => {
	const now = new Date('2026-12-02T12:00:00.000Z');

	it('waits indefinitely without the option, else until the interval or the date', () => {
		expect(waitTillFrom(undefined, now)).toBe(WAIT_INDEFINITELY);
		expect(waitTillFrom({}, now)).toBe(WAIT_INDEFINITELY);
		expect(
			waitTillFrom(
				{ limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' },
				now,
			),
		).toEqual(new Date('2026-12-02T12:45:00.000Z'));
		expect(waitTillFrom({ resumeAmount: 1.5, resumeUnit: 'days' }, now)).toEqual(
			new Date('2026-12-04T00:00:00.000Z'),
		);
		expect(
			waitTillFrom({ limitType: 'atSpecifiedTime', maxDateAndTime: '2026-12-24T18:00:00Z' }, now),
		).toEqual(new Date('2026-12-24T18:00:00.000Z'));
	});

	it('says what is wrong with an unusable value', () => {
		expect(() => waitTillFrom({ limitType: 'atSpecifiedTime', maxDateAndTime: '' }, now)).toThrow(
			'Max Date and Time "" is not a date and time',
		);
		expect(() => waitTillFrom({ resumeAmount: -1, resumeUnit: 'hours' }, now)).toThrow(
			'is not a positive number',
		);
		expect(() => waitTillFrom({ resumeAmount: 1, resumeUnit: 'weeks' }, now)).toThrow(
			'Unit "weeks" is not minutes, hours or days',
		);
	});
});

describe('link previews', () => {
	it.each([
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36',
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
		'curl/8.5.0',
		'node',
	])('a browser or client is not one: %s', (userAgent) => {
		expect(isLinkPreview(userAgent)).toBe(false);
	});

	it.each([
		'WhatsApp/2.23.20.0 A',
		'TelegramBot (like TwitterBot)',
		'Twitterbot/1.0',
		'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
		'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
		'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
	])('a preview fetcher is one: %s', (userAgent) => {
		expect(isLinkPreview(userAgent)).toBe(true);
	});
});

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	AFTER_NODE_NAME,
	birdFixture,
	captureBody,
	guardNock,
	locator,
	mockBird,
	signatureValid,
	WAIT_NODE_ID,
	WAIT_NODE_NAME,
	WaitingExecution,
	WORKSPACE_PATH,
} from '../../harness';

/**
 * Send and Wait for Response with an approval, through n8n-core's engine and a mocked Bird: the message and its
 * signed links, the wait, and the resume by each link (and by a link-preview bot, which must not count).
 */

const CONVERSATION_ID = '16e1df9e-c6ac-406b-b1ce-13f34d0dea08';
const ACCESS_KEY_ID = '0c0defe3-c98d-46d9-a9bf-febc1e08aa0c';
const MESSAGES_PATH = `${WORKSPACE_PATH}/conversations/${CONVERSATION_ID}/messages`;

const approval = (extra: INodeParameters = {}): INodeParameters => ({
	conversationId: locator(CONVERSATION_ID),
	senderId: ACCESS_KEY_ID,
	message: 'Refund €120 to order 1042?',
	...extra,
});

/** Starts the execution against a Bird that accepts the message; returns it with the body Bird received. */
async function sent(
	parameters: INodeParameters,
	items?: IDataObject[],
): Promise<{ execution: WaitingExecution; body: IDataObject }> {
	const capture = captureBody();
	mockBird().post(MESSAGES_PATH, capture.match).reply(202, birdFixture('message.create'));
	const execution = new WaitingExecution(parameters, { items });
	const nodes = await execution.start();
	expect(nodes[WAIT_NODE_NAME].error).toBeUndefined();
	expect(capture.body).toBeDefined();
	return { execution, body: capture.body as IDataObject };
}

/** The `Label: URL` lines of a text message. */
function linksOf(text: string): Record<string, string> {
	return Object.fromEntries(
		[...text.matchAll(/^([^:\n]+): (http\S+)$/gm)].map((match) => [match[1], match[2]]),
	);
}

guardNock();

describe('Send and Wait for Response: approval', () => {
	it('sends the message with one signed Approve link and waits indefinitely', async () => {
		const { execution, body } = await sent(approval());
		expect(body).toMatchObject({
			participantType: 'accessKey',
			participantId: ACCESS_KEY_ID,
			addMissingParticipants: true,
			body: { type: 'text' },
		});
		const text = (body.body as { text: { text: string } }).text.text;
		const links = linksOf(text);
		expect(Object.keys(links)).toEqual(['Approve']);
		expect(text.startsWith('Refund €120 to order 1042?\n\nApprove: http')).toBe(true);
		expect(text.endsWith('\n\nSent automatically with n8n')).toBe(true);
		const url = new URL(links.Approve);
		expect(url.pathname).toBe(`/webhook-waiting/${execution.executionId}/${WAIT_NODE_ID}`);
		expect(url.searchParams.get('approved')).toBe('true');
		expect(signatureValid(links.Approve)).toBe(true);
		// n8n's "wait indefinitely" date.
		expect(execution.waitTill?.toISOString()).toBe('3000-01-01T00:00:00.000Z');
		expect(execution.run?.status).toBe('waiting');
	});

	it('offers Approve and Decline with their labels, and a changed answer breaks the signature', async () => {
		const { body } = await sent(
			approval({
				approvalOptions: {
					values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' },
				},
				options: { appendAttribution: false },
			}),
		);
		const text = (body.body as { text: { text: string } }).text.text;
		const links = linksOf(text);
		expect(Object.keys(links)).toEqual(['Yes, refund', 'No']);
		expect(new URL(links.No).searchParams.get('approved')).toBe('false');
		expect(text).not.toContain('n8n');
		expect(signatureValid(links.No)).toBe(true);
		expect(signatureValid(links['Yes, refund'].replace('approved=true', 'approved=false'))).toBe(
			false,
		);
	});

	it('e-mail: an HTML body with a button per link, the plain-text alternative and the subject', async () => {
		const { body } = await sent(
			approval({
				messageFormat: 'html',
				subject: 'Refund approval',
				approvalOptions: { values: { approvalType: 'double' } },
			}),
		);
		const html = (body.body as { type: string; html: IDataObject }).html;
		expect((body.body as { type: string }).type).toBe('html');
		expect(html.metadata).toEqual({ subject: 'Refund approval' });
		const links = linksOf(String(html.text));
		expect(Object.keys(links)).toEqual(['Approve', 'Decline']);
		// The same signed links, HTML-escaped in href.
		expect(String(html.html)).toContain(`href="${links.Decline.replace(/&/g, '&amp;')}"`);
		expect(String(html.html)).toMatch(/>Approve<\/a>/);
	});

	it.each([
		['Approve', true],
		['Decline', false],
	])('resumes with approved: %s → %s and respondedAt', async (label, approved) => {
		const { execution, body } = await sent(
			approval({ approvalOptions: { values: { approvalType: 'double' } } }),
			[{ order: 1042 }],
		);
		const link = linksOf((body.body as { text: { text: string } }).text.text)[label];
		const before = Date.now();
		const outcome = await execution.open({ method: 'GET', url: link });
		expect(outcome.page.status).toBe(200);
		expect(outcome.page.body).toContain('Got it, thanks');
		expect(outcome.page.headers['content-security-policy']).toContain("default-src 'none'");
		expect(outcome.items).toHaveLength(1);
		const nodes = await execution.resume(outcome.items);
		expect(execution.run?.status).not.toBe('waiting');
		const output = nodes[WAIT_NODE_NAME].json;
		expect(output).toEqual([{ data: { approved, respondedAt: expect.any(String) } }]);
		const respondedAt = Date.parse(String((output[0].data as IDataObject).respondedAt));
		expect(respondedAt).toBeGreaterThanOrEqual(before - 1000);
		expect(nodes[AFTER_NODE_NAME].json).toEqual(output);
	});

	it.each([
		'WhatsApp/2.23.20.0 A',
		'TelegramBot (like TwitterBot)',
		'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
		'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
	])('keeps waiting when a link preview (%s) fetches the link', async (userAgent) => {
		const { execution, body } = await sent(approval());
		const link = linksOf((body.body as { text: { text: string } }).text.text).Approve;
		const outcome = await execution.open({
			method: 'GET',
			url: link,
			headers: { 'user-agent': userAgent },
		});
		expect(outcome.result.noWebhookResponse).toBe(true);
		expect(outcome.items).toBeUndefined();
		expect(outcome.page.status).toBe(200);
	});

	it('keeps waiting for a link without an answer and for a POST', async () => {
		const { execution, body } = await sent(approval());
		const link = linksOf((body.body as { text: { text: string } }).text.text).Approve;
		const bare = new URL(link);
		bare.searchParams.delete('approved');
		expect((await execution.open({ method: 'GET', url: bare.toString() })).items).toBeUndefined();
		const posted = await execution.open({ method: 'POST', url: link });
		expect(posted.items).toBeUndefined();
		expect(posted.page.status).toBe(405);
	});

	it('at the time limit continues with its input items, as n8n resumes a timed wait', async () => {
		const { execution } = await sent(
			approval({
				options: {
					limitWaitTime: {
						values: { limitType: 'afterTimeInterval', resumeAmount: 2, resumeUnit: 'hours' },
					},
				},
			}),
			[{ order: 1042 }, { order: 1043 }],
		);
		const waitTill = execution.waitTill?.getTime() ?? 0;
		expect(waitTill - Date.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
		expect(waitTill - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
		const nodes = await execution.resume();
		expect(nodes[WAIT_NODE_NAME].json).toEqual([{ order: 1042 }, { order: 1043 }]);
		expect(nodes[AFTER_NODE_NAME].json).toEqual([{ order: 1042 }, { order: 1043 }]);
	});
});

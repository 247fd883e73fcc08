/**
 * Browser check of Send and Wait for Response: Chromium (test/harness/browser.ts) opens the links of the
 * messages the sandbox stored, as the person asked would. The approve link shows n8n's confirmation and
 * resumes the run; the free-text link shows the response form, which Chromium fills in and submits, and
 * the typed text arrives in the execution. The form page is captured to a temp file, or to
 * docs/send-and-wait-form.png (the README's image) with `UPDATE_SCREENSHOT=1`.
 */
import { readFileSync } from 'node:fs';

import { nodeOutput } from '../../scripts/lib/n8n';
import {
	discardScreenshot,
	launchChromium,
	screenshotPath,
	type Browser,
} from '../harness/browser';
import { DEMO, startE2eStack, type E2eStack } from '../harness/e2e';
import {
	executionIn,
	linkWith,
	resumeLinks,
	sendAndWaitWorkflow,
	sentByAccessKey,
} from '../harness/sendAndWait';

// Generous: packing, n8n's start-up and Chromium share two cores with other n8n processes.
jest.setTimeout(300_000);

const SCREENSHOT = screenshotPath('send-and-wait-form.png');
const VIEWPORT = { width: 900, height: 540 };

describe('Send and Wait for Response links in Chromium', () => {
	let stack: E2eStack;
	let browser: Browser;

	beforeAll(async () => {
		browser = await launchChromium({ viewport: VIEWPORT, ordinaryUserAgent: true });
		stack = await startE2eStack();
	});
	afterAll(async () => {
		await browser?.close();
		await stack?.close();
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack.n8n.logTail(40));
	});

	/** Runs Start → Ask → After until it waits; answers the execution and the link(s) Ask sent. */
	async function waitingRun(parameters: Record<string, unknown>) {
		const before = sentByAccessKey(stack.sandbox, DEMO.conversations.johnWhatsapp).length;
		const workflowId = await stack.importWorkflow(sendAndWaitWorkflow('Browser', parameters));
		const executionId = await stack.n8n.client.startWorkflow(workflowId, 'Start');
		await executionIn(stack.n8n.client, executionId, 'waiting');
		const sent = sentByAccessKey(stack.sandbox, DEMO.conversations.johnWhatsapp).slice(before);
		expect(sent).toHaveLength(1);
		return { executionId, links: resumeLinks(sent[0]) };
	}

	it('the approve link opens a confirmation page and the run resumes approved', async () => {
		const { executionId, links } = await waitingRun({ message: 'Refund 150 EUR for order 2001?' });
		const { page } = browser;
		const response = await page.goto(linkWith(links, 'true').href);
		expect(response?.status()).toBe(200);
		expect(await page.locator('body').innerText()).toMatch(/Got it/);
		const done = await executionIn(stack.n8n.client, executionId, 'success');
		expect(nodeOutput(done, 'Ask')).toEqual([
			{ data: { approved: true, respondedAt: expect.any(String) } },
		]);
	});

	it('the free-text link opens the response form; typed and submitted, the text arrives', async () => {
		const question = 'Order 2002 arrived damaged. How much should we refund, and why?';
		const { executionId, links } = await waitingRun({
			message: question,
			responseType: 'freeText',
			options: { responseFormTitle: 'Refund for order 2002' },
		});
		expect(links).toHaveLength(1);
		const { page } = browser;
		const response = await page.goto(links[0].href);
		expect(response?.status()).toBe(200);
		const text = await page.locator('body').innerText();
		expect(text).toContain('Refund for order 2002');
		expect(text).toContain(question);

		const answer = 'Refund 60 EUR: only the lid is broken.';
		const field = page.getByRole('textbox');
		await field.fill(answer);
		await page.mouse.move(0, 0); // no hover highlight in the picture
		await page.screenshot({ path: SCREENSHOT });
		const png = readFileSync(SCREENSHOT);
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		expect(png.readUInt32BE(16)).toBe(VIEWPORT.width); // width from the IHDR chunk
		discardScreenshot(SCREENSHOT);

		await page.getByRole('button').click();
		await page.getByText(/Got it/).waitFor();
		const done = await executionIn(stack.n8n.client, executionId, 'success');
		expect(nodeOutput(done, 'Ask')).toEqual([
			{ data: { text: answer, respondedAt: expect.any(String) } },
		]);
		expect(nodeOutput(done, 'After')).toHaveLength(1);
	});
});

/**
 * Browser check: Debian's Chromium (never a downloaded browser), driven by playwright-core, logs into the
 * n8n editor, adds the Bird Conversations node from the node creator ("Send a message to a conversation"), picks a
 * conversation from the searchable list (served by the sandbox through the node's listSearch), runs the
 * step, and captures the node's parameters and output. The capture goes to a temp file so `npm test` leaves
 * the work tree clean; `UPDATE_SCREENSHOT=1 npm test` refreshes docs/bird-conversations-node.png (the README's image).
 */
import { readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';

import {
	discardScreenshot,
	launchChromium,
	screenshotPath,
	type Browser,
} from '../harness/browser';
import { DEMO, startE2eStack, type E2eStack } from '../harness/e2e';

jest.setTimeout(180_000);

const SCREENSHOT = screenshotPath('bird-conversations-node.png');

const byTestId = (page: Page, id: string) => page.locator(`[data-test-id="${id}"]`);

describe('the Bird Conversations node in the n8n editor (Chromium)', () => {
	let stack: E2eStack;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		browser = await launchChromium();
		page = browser.page;
		stack = await startE2eStack();
	});
	afterAll(async () => {
		await browser?.close();
		await stack?.close();
	});

	it('logs in with the owner account', async () => {
		await page.goto(`${stack.n8n.url}signin`);
		await page.fill('#emailOrLdapLoginId', stack.n8n.owner.email);
		await page.fill('#password', stack.n8n.owner.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => !url.pathname.includes('signin'));
	});

	it('adds the node from the node creator, with its triggers and actions listed', async () => {
		await page.goto(`${stack.n8n.url}workflow/new`);
		await byTestId(page, 'canvas-add-button').click();
		await byTestId(page, 'node-creator-search-bar').fill('Bird Conversations');
		await byTestId(page, 'node-creator-item-name')
			.filter({ hasText: /^Bird Conversations$/ })
			.first()
			.click();
		// An installed community package opens its "Node details" panel (Installed, Via npm): the triggers
		// listed, the actions behind their collapsed heading.
		const creator = byTestId(page, 'node-creator');
		await creator.getByText('On message received', { exact: true }).waitFor();
		await creator.getByText(/^Actions \(\d+\)$/).click();
		await creator.getByText('Send a message to a conversation', { exact: true }).click();
		await byTestId(page, 'ndv').waitFor();
		await expect(
			byTestId(page, 'node-credentials-select').locator('input').inputValue(),
		).resolves.toBe('Bird sandbox');
	});

	it('lists the sandbox conversations in the picker, runs the step, and the message reaches Bird', async () => {
		await byTestId(page, 'rlc-input').first().click();
		const items = byTestId(page, 'rlc-item');
		await items.first().waitFor();
		const labels = await items.allInnerTexts();
		expect(labels).toEqual(
			expect.arrayContaining([
				`Invoice question (${DEMO.conversations.janeEmail})`,
				`John Doe (${DEMO.conversations.johnWhatsapp})`,
			]),
		);
		await items.filter({ hasText: 'Invoice question' }).click();
		await byTestId(page, 'parameter-input-senderId').locator('input').fill(DEMO.accessKey.id);
		const text = 'Hi Jane, your October invoice is attached to this message.';
		await byTestId(page, 'parameter-input-text').locator('textarea').fill(text);
		await byTestId(page, 'node-execute-button').click();
		await page.getByText('Node executed successfully').waitFor();
		await byTestId(page, 'output-panel').getByText('1 item').waitFor();

		const sent = stack.sandbox.context.store.data.messages.filter(
			(m) => m.conversationId === DEMO.conversations.janeEmail && m.sender.type === 'accessKey',
		);
		expect(sent.map((m) => m.body)).toEqual([{ type: 'text', text: { text } }]);

		await page.mouse.move(0, 0); // no hover highlights in the picture
		await page.screenshot({ path: SCREENSHOT });
		const png = readFileSync(SCREENSHOT);
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		expect(png.readUInt32BE(16)).toBe(1440); // width from the IHDR chunk
		expect(png.length).toBeGreaterThan(30_000);
		discardScreenshot(SCREENSHOT);
	});
});

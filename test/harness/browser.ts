/**
 * The browser checks' Chromium: Debian's package (never a downloaded browser), driven by playwright-core
 * through executablePath, with a throw-away profile. Shared by test/e2e/editor-screenshot.test.ts and
 * test/e2e/send-and-wait-browser.test.ts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { REPO_ROOT } from '../../scripts/lib/n8n';

// Debian's Chromium; BIRD_CHROMIUM names another Chromium-based browser (CI: the runner's Google Chrome).
export const CHROMIUM = process.env.BIRD_CHROMIUM ?? '/usr/bin/chromium';

// What the probe on this kind of machine found necessary: no sandbox as root, no GPU, and no background
// connections, which the closed network would refuse many times over.
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

export interface Browser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/**
 * Starts Chromium headless with a fresh profile and one page. `ordinaryUserAgent`: send the user agent
 * without its "Headless" marker, as the person a test plays would; bot filters (such as the one in n8n's
 * own send-and-wait nodes) take "HeadlessChrome" for a robot.
 */
export async function launchChromium(
	options: { viewport?: { width: number; height: number }; ordinaryUserAgent?: boolean } = {},
): Promise<Browser> {
	if (!existsSync(CHROMIUM))
		throw new Error(
			`${CHROMIUM} is missing: run \`bash scripts/ensure-chromium.sh\` (npm test does it for you).`,
		);
	const profile = mkdtempSync(join(tmpdir(), 'bird-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport: options.viewport ?? { width: 1440, height: 900 },
		});
	} catch (error) {
		rmSync(profile, { recursive: true, force: true });
		throw error;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	if (options.ordinaryUserAgent) {
		const agent = await page.evaluate(() => navigator.userAgent);
		await context.setExtraHTTPHeaders({ 'user-agent': agent.replace('HeadlessChrome', 'Chrome') });
	}
	return {
		context,
		page,
		async close() {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/**
 * Where a screenshot goes: `docs/<name>` with UPDATE_SCREENSHOT=1 (the README's image, committed), else
 * a temp file that `discardScreenshot` removes, so `npm test` leaves the work tree clean.
 */
export function screenshotPath(name: string): string {
	return process.env.UPDATE_SCREENSHOT === '1'
		? join(REPO_ROOT, 'docs', name)
		: join(tmpdir(), `${process.pid}-${name}`);
}

export function discardScreenshot(path: string): void {
	if (process.env.UPDATE_SCREENSHOT !== '1') rmSync(path, { force: true });
}

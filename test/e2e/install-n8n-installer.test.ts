/**
 * Install path 1 of the README: n8n's own installer (Settings → Community Nodes → Install), done step by
 * step as n8n 2.41 does it (CommunityPackagesService.downloadPackage) and n8n then started with community
 * packages enabled and no custom extensions:
 *   1. `npm pack <name>@<version>`: here the repository's packed tarball; with BIRD_PACKAGE_SPEC set
 *      (`npm run test:published -- <name>@<version>` after a release), the published version from the registry;
 *   2. extract it into <user folder>/.n8n/nodes/node_modules/<name>;
 *   3. remove devDependencies, peerDependencies and optionalDependencies from its package.json;
 *   4. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *      --ignore-scripts=true --package-lock=false` in that folder;
 *   5. record it in <user folder>/.n8n/nodes/package.json.
 * The demo and every other e2e test install the package the same way (scripts/lib/n8n/community-package.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { installLikeN8n, nodesFolder, PACKAGE_NAME, packedPackage } from '../../scripts/lib/n8n';
import { startE2eStack, type E2eStack } from '../harness/e2e';
import {
	demoConversationIds,
	installedPackages,
	loadedTypes,
	npmPackFromRegistry,
	OUR_NODE_TYPES,
	runGetMany,
} from './install-checks';

jest.setTimeout(300_000);

const published = process.env.BIRD_PACKAGE_SPEC;

describe(`n8n's installer path (${published ?? 'the packed repository'})`, () => {
	let stack: E2eStack;
	let packageDir = '';
	let download: string | undefined;

	beforeAll(async () => {
		download = published ? mkdtempSync(join(tmpdir(), 'bird-download-')) : undefined;
		const tarball = published ? npmPackFromRegistry(published, download!) : packedPackage();
		stack = await startE2eStack({
			n8n: {
				install: (userFolder, npmEnv) => {
					packageDir = installLikeN8n(userFolder, tarball, npmEnv);
				},
			},
		});
	});
	afterAll(async () => {
		await stack?.close();
		if (download) rmSync(download, { recursive: true, force: true });
	});
	afterEach(() => {
		const state = expect.getState();
		if (state.assertionCalls !== state.numPassingAsserts) console.log(stack?.n8n.logTail(40));
	});

	it('installs the package alone: no peer or dev dependencies, no second n8n-workflow, recorded in the nodes ledger', () => {
		const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
		expect(manifest.name).toBe(PACKAGE_NAME);
		if (published) expect(`${manifest.name}@${manifest.version}`).toBe(published);
		expect(manifest).not.toHaveProperty('peerDependencies');
		expect(manifest).not.toHaveProperty('devDependencies');
		expect(manifest).not.toHaveProperty('dependencies');
		const nodesDir = nodesFolder(stack.n8n.userFolder);
		expect(installedPackages(nodesDir)).toEqual([PACKAGE_NAME]);
		expect(installedPackages(packageDir)).toEqual([]);
		const ledger = JSON.parse(readFileSync(join(nodesDir, 'package.json'), 'utf8'));
		expect(ledger.dependencies).toEqual({ [PACKAGE_NAME]: manifest.version });
	});

	it('n8n loads our nodes, their Tool variants and the credential under the package name, nothing as a custom extension', async () => {
		const types = await loadedTypes(stack.n8n);
		expect(types.ours).toEqual(OUR_NODE_TYPES);
		expect(types.custom).toEqual([]);
		expect(types.credential).toBe(true);
		expect(stack.n8n.logTail(400)).not.toMatch(/Failed to load package/i);
	});

	it('the credential test passes and an operation runs against Bird (the sandbox)', async () => {
		expect(await stack.n8n.client.testCredential(stack.credential.id)).toMatchObject({
			status: 'OK',
		});
		expect((await runGetMany(stack.n8n, stack.credential)).sort()).toEqual(
			demoConversationIds(stack.sandbox),
		);
	});
});

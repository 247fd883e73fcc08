import '../harness/env';

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';

const root = join(__dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'nodes', 'BirdConversations', 'BirdConversations.node.js'));

// Unit tests load our classes from source; this one checks that the *built* package loads the way
// n8n loads a community package (package.json "n8n" block → dist/). It needs `npm run build` first,
// which `npm test` always does, so it is skipped only in a bare `jest` run without dist/.
(built ? describe : describe.skip)('PackageDirectoryLoader on the built package', () => {
	it('loads both nodes and the credential from dist/', async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		expect(loader.packageName).toBe('n8n-nodes-bird-conversations');
		expect(Object.keys(loader.nodeTypes).sort()).toEqual(['birdConversations', 'birdConversationsTrigger']);
		expect(Object.keys(loader.credentialTypes)).toEqual(['birdConversationsApi']);
		const action = loader.getNode('birdConversations').type as { description: { usableAsTool?: boolean; version: number } };
		expect(action.description.version).toBe(1);
		expect(action.description.usableAsTool).toBe(true);
		expect(loader.nodesByCredential.birdConversationsApi).toEqual(
			expect.arrayContaining(['birdConversations', 'birdConversationsTrigger']),
		);
	});
});

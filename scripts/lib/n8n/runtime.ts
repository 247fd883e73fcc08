import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';

/** The repository root (scripts/lib/n8n → ../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export interface N8nRuntime {
	/** A Node >= 24 binary (n8n 2.x refuses older ones). */
	node: string;
	/** n8n's bin/n8n script inside the pinned install. */
	n8nBin: string;
	/** The folder holding the pinned install's node_modules. */
	n8nRoot: string;
}

let cached: N8nRuntime | undefined;

/**
 * Locates (and on first use installs, with progress on stderr) Node 24 and the pinned n8n, through the
 * same scripts the README and CI use, so every caller runs exactly one runtime.
 */
export function n8nRuntime(): N8nRuntime {
	if (cached) return cached;
	const run = (script: string) =>
		execFileSync('bash', [join(REPO_ROOT, 'scripts', script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
	const node = Number(process.versions.node.split('.')[0]) >= 24 ? process.execPath : run('ensure-node24.sh');
	const n8nBin = run('ensure-n8n.sh');
	cached = { node, n8nBin, n8nRoot: dirname(dirname(dirname(dirname(n8nBin)))) };
	return cached;
}

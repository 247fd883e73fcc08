import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root (scripts/lib/n8n → ../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * Which n8n: `pinned` (the 2.x everything runs on) or `compat` (the newest 1.123.x, smoke-tested);
 * both versions are kept in scripts/n8n-versions.json.
 */
export type N8nLine = 'pinned' | 'compat';

export const N8N_VERSIONS: Record<N8nLine, string> = JSON.parse(
	readFileSync(join(REPO_ROOT, 'scripts', 'n8n-versions.json'), 'utf8'),
);

export interface N8nRuntime {
	/** A Node >= 24 binary (n8n 2.x refuses older ones; 1.123 runs on it too). */
	node: string;
	/** n8n's bin/n8n script inside the install. */
	n8nBin: string;
	/** The folder holding the install's node_modules. */
	n8nRoot: string;
	/** The installed n8n's version, e.g. 2.41.1. */
	version: string;
	/** Its major version (1 or 2): the headless set-up differs (owner, activation, manual runs). */
	major: number;
}

const cached = new Map<N8nLine, N8nRuntime>();

/**
 * Locates (and on first use installs, with progress on stderr) Node 24 and an n8n, through the same
 * scripts the README and CI use, so every caller runs exactly one runtime per line.
 */
export function n8nRuntime(line: N8nLine = 'pinned'): N8nRuntime {
	const known = cached.get(line);
	if (known) return known;
	const run = (script: string, ...args: string[]) =>
		execFileSync('bash', [join(REPO_ROOT, 'scripts', script), ...args], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}).trim();
	const node =
		Number(process.versions.node.split('.')[0]) >= 24 ? process.execPath : run('ensure-node24.sh');
	const n8nBin = run('ensure-n8n.sh', line);
	const n8nRoot = dirname(dirname(dirname(dirname(n8nBin))));
	const { version } = JSON.parse(
		readFileSync(join(dirname(dirname(n8nBin)), 'package.json'), 'utf8'),
	);
	const runtime = { node, n8nBin, n8nRoot, version, major: Number(version.split('.')[0]) };
	cached.set(line, runtime);
	return runtime;
}

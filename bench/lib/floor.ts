import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from '../../scripts/lib/n8n';

/**
 * The bench's floor package (bench/floor/): a test-only community package with the least a trigger and a
 * coded action node can do for the same work as ours. Never shipped: it lives outside `files`, the
 * `n8n` block, lint and the scanner. The bench packs it and installs it through n8n's installer path,
 * next to ours, so both pay the same community-package costs.
 */
export const FLOOR_DIR = join(REPO_ROOT, 'bench', 'floor');
export const FLOOR_PACKAGE: string = JSON.parse(
	readFileSync(join(FLOOR_DIR, 'package.json'), 'utf8'),
).name;
export const FLOOR_TRIGGER = `${FLOOR_PACKAGE}.floorTrigger`;
export const FLOOR_ACTION = `${FLOOR_PACKAGE}.floorAction`;

/** `npm pack` of bench/floor into a temporary folder; the tarball's path. */
export function packedFloor(): string {
	const destination = mkdtempSync(join(tmpdir(), 'bird-bench-floor-'));
	const output = execFileSync(
		'npm',
		['pack', FLOOR_DIR, '--pack-destination', destination, '--loglevel=error'],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
	);
	return join(destination, output.trim().split('\n').pop()!.trim());
}

/**
 * Our package as users get it into n8n, never as a custom extension, so node types carry their real
 * names (`n8n-nodes-bird-conversations.birdConversations`) in the demo, the e2e suite and exported
 * workflows alike.
 *
 * - packedPackage(): the `npm pack` tarball of this repository (prepack builds dist/ from scratch),
 *   packed again only when a source that goes into it changed.
 * - installLikeN8n(): what n8n's installer (Settings → Community Nodes) does with a downloaded tarball
 *   (n8n 2.41 `CommunityPackagesService.downloadPackage`, same steps in 1.123).
 * - installFromCommandLine(): the README's command-line install into `~/.n8n/nodes`.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { REPO_ROOT } from './runtime';

export const PACKAGE_NAME: string = JSON.parse(
	readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'),
).name;

/** What the tarball is built from: a change in any of these packs it again. */
const PACK_INPUTS = [
	'package.json',
	'README.md',
	'LICENSE',
	'tsconfig.json',
	'gulpfile.js',
	'scripts/clean-dist.js',
	'nodes',
	'credentials',
	'icons',
];
const PACK_CACHE = join(REPO_ROOT, '.cache', 'pack');

/** The exact flags n8n's installer passes to `npm install` inside the extracted package. */
export const N8N_INSTALLER_NPM_FLAGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

/**
 * The README's command-line install, as tested (test/e2e/install-command-line.test.ts): in n8n's nodes
 * folder, without n8n-workflow (a peer n8n already provides) and without install scripts.
 */
export const COMMAND_LINE_NPM_FLAGS = [
	'--omit=peer',
	'--ignore-scripts',
	'--no-audit',
	'--no-fund',
];

function listFiles(path: string): string[] {
	if (!existsSync(path)) return [];
	if (!statSync(path).isDirectory()) return [path];
	return readdirSync(path)
		.sort()
		.flatMap((name) => listFiles(join(path, name)));
}

/** A hash over the names and contents of everything PACK_INPUTS holds. */
export function sourceHash(): string {
	const hash = createHash('sha256');
	for (const file of PACK_INPUTS.flatMap((input) => listFiles(join(REPO_ROOT, input)))) {
		hash.update(relative(REPO_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
	}
	return hash.digest('hex').slice(0, 16);
}

const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string =>
	execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Not copied into the private build folder: installed, built, cached or version-control data. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.git', '.cache', 'tmp', 'coverage']);

/**
 * The path of this repository's `npm pack` tarball for the current sources, reused while they are
 * unchanged (older tarballs are removed). `npm pack` runs prepack (build:clean: dist/ removed and
 * rebuilt), so the tarball is what `npm publish` would upload. It runs in a private copy of the work
 * tree (with node_modules linked), so it neither removes the repository's dist/ nor packs one that
 * another build is rewriting; the tarball must contain every file of the package.json `n8n` block.
 */
export function packedPackage(
	log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): string {
	const hash = sourceHash();
	const dir = join(PACK_CACHE, hash);
	const found = existsSync(dir)
		? readdirSync(dir).find((file) => file.endsWith('.tgz'))
		: undefined;
	if (found) return join(dir, found);
	log(`[setup] packing ${PACKAGE_NAME} (npm pack: clean build of dist/, about 30 s) ...`);
	rmSync(PACK_CACHE, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const work = mkdtempSync(join(tmpdir(), 'bird-pack-'));
	try {
		for (const entry of readdirSync(REPO_ROOT)) {
			if (!NOT_COPIED.has(entry))
				cpSync(join(REPO_ROOT, entry), join(work, entry), { recursive: true });
		}
		symlinkSync(join(REPO_ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
		const output = npm(['pack', '--pack-destination', dir, '--loglevel=error'], work);
		const tarball = join(dir, output.trim().split('\n').pop()!.trim());
		assertShipsTheN8nBlock(tarball);
		return tarball;
	} catch (error) {
		rmSync(dir, { recursive: true, force: true });
		const { stdout, stderr } = error as { stdout?: string; stderr?: string };
		const said = `${String(stdout ?? '')}${String(stderr ?? '')}`;
		throw new Error(`npm pack failed: ${said || (error as Error).message}`);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/** Every node and credential file n8n will load from the package is in the tarball. */
function assertShipsTheN8nBlock(tarball: string): void {
	const listed = new Set(
		execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
			.split('\n')
			.map((line) => line.replace(/^package\//, '')),
	);
	const { n8n } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	const missing = [...n8n.nodes, ...n8n.credentials].filter((file: string) => !listed.has(file));
	if (missing.length)
		throw new Error(`the tarball lacks ${missing.join(', ')} (did the build fail?)`);
}

/** `<user folder>/.n8n/nodes`, where n8n keeps community packages. */
export const nodesFolder = (userFolder: string) => join(userFolder, '.n8n', 'nodes');

/** The package folder n8n loads our nodes (or another package's, by name) from. */
export const installedPackageDir = (userFolder: string, name: string = PACKAGE_NAME) =>
	join(nodesFolder(userFolder), 'node_modules', name);

function recordInLedger(nodesDir: string, name: string, version: string): void {
	const ledgerPath = join(nodesDir, 'package.json');
	const ledger = existsSync(ledgerPath)
		? JSON.parse(readFileSync(ledgerPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies = { ...ledger.dependencies, [name]: version };
	writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf8');
}

/**
 * n8n's installer steps after `npm pack <name>@<version>` has produced `tarball`:
 * 1. extract it into `<user folder>/.n8n/nodes/node_modules/<name>`;
 * 2. drop devDependencies, peerDependencies and optionalDependencies from its package.json;
 * 3. `npm install` there with the installer's flags (scripts ignored, no lock file, shallow);
 * 4. record `<name>: <version>` in `<user folder>/.n8n/nodes/package.json`.
 * n8n then loads it at start when community packages are enabled. `name` is the tarball's package
 * name when it is not ours (the bench installs its floor package this way too).
 */
export function installLikeN8n(
	userFolder: string,
	tarball: string,
	env: NodeJS.ProcessEnv = process.env,
	name: string = PACKAGE_NAME,
): string {
	const packageDir = installedPackageDir(userFolder, name);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifestPath = join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		readFileSync(manifestPath, 'utf8'),
	);
	(void devDependencies, peerDependencies, optionalDependencies);
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), 'utf8');
	npm(['install', ...N8N_INSTALLER_NPM_FLAGS, '--loglevel=error'], packageDir, env);
	recordInLedger(nodesFolder(userFolder), manifest.name, manifest.version);
	return packageDir;
}

/**
 * The README's command-line path: `cd <user folder>/.n8n/nodes && npm install --omit=peer
 * --ignore-scripts <package>`, where <package> is the name on npm (here: a tarball in its place).
 * The folder gets n8n's own package.json first if it has none, as n8n writes it at start.
 */
export function installFromCommandLine(
	userFolder: string,
	spec: string,
	env: NodeJS.ProcessEnv = process.env,
): string {
	const nodesDir = nodesFolder(userFolder);
	mkdirSync(nodesDir, { recursive: true });
	const ledgerPath = join(nodesDir, 'package.json');
	if (!existsSync(ledgerPath)) {
		writeFileSync(
			ledgerPath,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	npm(['install', ...COMMAND_LINE_NPM_FLAGS, '--loglevel=error', spec], nodesDir, env);
	return installedPackageDir(userFolder);
}

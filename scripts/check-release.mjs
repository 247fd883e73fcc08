// Checks package.json against what publishing and n8n's verification need (run by `npm test`, and by
// .github/workflows/publish.yml with the tag and the repository it runs in):
// - name `n8n-nodes-…` with the keyword `n8n-community-node-package`, license MIT (and LICENSE says so);
// - repository: a public GitHub repository named like the package (n8n's verification fetches the source
//   the provenance statement names; npm refuses a provenance publish whose repository.url is another
//   repository than the one the workflow runs in), homepage and bugs on that repository;
// - author with name and e-mail;
// - the `n8n` block lists built files under dist/ that `files` ships.
// Options: --tag v1.2.3 (must be v<version>), --repository owner/name (must be package.json's).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const option = (name) => {
	const at = args.indexOf(name);
	return at >= 0 ? args[at + 1] : undefined;
};
const problems = [];
const check = (ok, what) => ok || problems.push(what);

check(
	/^(@[a-z0-9-]+\/)?n8n-nodes-[a-z0-9-]+$/.test(pkg.name ?? ''),
	'name must be n8n-nodes-<name>',
);
check(
	pkg.keywords?.includes('n8n-community-node-package'),
	'keywords must include n8n-community-node-package',
);
check(pkg.license === 'MIT', 'license must be MIT');
check(
	/^MIT License/.test(readFileSync(join(root, 'LICENSE'), 'utf8')),
	'LICENSE must be the MIT licence',
);
check(
	pkg.author?.name && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(pkg.author?.email ?? ''),
	'author needs a name and an e-mail',
);

const bareName = pkg.name.replace(/^@[^/]+\//, '');
const repo = /^git\+https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\.git$/.exec(
	pkg.repository?.url ?? '',
);
check(pkg.repository?.type === 'git', 'repository.type must be git');
check(repo, 'repository.url must be git+https://github.com/<owner>/<repository>.git');
if (repo) {
	const [, owner, name] = repo;
	const web = `https://github.com/${owner}/${name}`;
	check(
		name === bareName,
		`the GitHub repository must be named like the package (${bareName}), not ${name}`,
	);
	check(pkg.homepage === `${web}#readme`, `homepage must be ${web}#readme`);
	check(pkg.bugs?.url === `${web}/issues`, `bugs.url must be ${web}/issues`);
	const running = option('--repository');
	if (running) {
		check(
			running.toLowerCase() === `${owner}/${name}`.toLowerCase(),
			`package.json names github.com/${owner}/${name}, but this workflow runs in ${running}: npm rejects provenance for another repository; set repository, homepage and bugs to ${running}`,
		);
	}
}

const tag = option('--tag');
if (tag)
	check(tag === `v${pkg.version}`, `tag ${tag} is not v${pkg.version} (package.json version)`);

const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
check(
	pkg.n8n?.nodes?.length > 0 && pkg.n8n?.credentials?.length > 0,
	'the n8n block must list nodes and credentials',
);
for (const file of listed) {
	check(
		file.startsWith('dist/') && file.endsWith('.js'),
		`n8n block: ${file} is not a built file under dist/`,
	);
	check(
		pkg.files?.some((entry) => file.startsWith(`${entry}/`)),
		`n8n block: ${file} is not shipped by "files"`,
	);
	if (existsSync(join(root, 'dist')))
		check(existsSync(join(root, file)), `n8n block: ${file} was not built`);
}

if (problems.length) {
	console.error(`✗ release metadata (package.json):\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(`✓ release metadata: ${pkg.name}@${pkg.version}, ${pkg.repository.url}`);

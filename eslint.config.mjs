// Lints the shipped sources with n8n's community-node rules (eslint-plugin-n8n-nodes-base).
// Tests, the sandbox and scripts are not part of the package and are checked by tsc instead.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const plugin = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'sandbox/**',
			'scripts/**',
			'bench/**',
			'examples/**',
			'*.js',
			'*.mjs',
		],
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: plugin,
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: plugin,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The rule itself says it applies only to nodes in n8n's own repository, whose docs
			// URLs are slugs; a community credential links to Bird's full documentation URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		plugins: plugin,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two predate NodeConnectionTypes and want the literal ['main']; n8n's own verification
			// scanner (@n8n/eslint-plugin-community-nodes) requires NodeConnectionTypes.Main instead.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];

import type { N8nOwner } from './owner';

/**
 * Fixed so that a restart (or a demo's second run on the same folder) can decrypt stored credentials,
 * and so that every process of a queue-mode stack reads the same credentials.
 */
export const N8N_ENCRYPTION_KEY = 'bird-conversations-local-n8n-encryption-key';

export interface N8nEnvironmentOptions {
	userFolder: string;
	port: number;
	brokerPort: number;
	/** The n8n's major version: 1.x knows fewer modules and ignores the env-managed owner. */
	major: number;
	owner: N8nOwner;
	ownerPasswordHash: string;
	encryptionKey: string;
	/** Folder the Read/Write Files node may use (n8n 2.x restricts file access). */
	filesDir: string;
	extra?: Record<string, string>;
}

/**
 * Everything n8n needs to start quietly and offline on loopback: no telemetry, version checks,
 * templates, banners or registries; an owner created from the environment; a broker port of its own.
 */
export function n8nEnvironment(options: N8nEnvironmentOptions): Record<string, string> {
	const base = `http://127.0.0.1:${options.port}/`;
	const inherited: Record<string, string> = {};
	// Only what a child process needs from the parent; no N8N_* leaking in from a developer's shell.
	for (const key of ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR']) {
		const value = process.env[key];
		if (value !== undefined) inherited[key] = value;
	}
	return {
		...inherited,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: options.encryptionKey,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(options.port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: base,
		N8N_WEBHOOK_URL: base,
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RESTRICT_FILE_ACCESS_TO: options.filesDir,
		N8N_SECURE_COOKIE: 'false',
		// Quiet and offline.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		// Our package is installed as a community package (see community-package.ts), never as a custom
		// extension: n8n loads it from <user folder>/.n8n/nodes. Nothing is fetched: no verified-packages
		// list, no reinstall of missing packages.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// n8n 1.x refuses module names it does not know; mcp-registry exists only in 2.x.
		...(options.major >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		// Owner managed by the environment: no set-up screen, a known login (n8n 2.x; 1.x ignores these
		// and startN8n sets the owner up through /rest/owner/setup).
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: options.owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: options.owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: options.owner.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: options.ownerPasswordHash,
		...options.extra,
	};
}

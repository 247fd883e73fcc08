import { createRequire } from 'node:module';

export interface N8nOwner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** The demo/test owner. Local-only instance on 127.0.0.1; printed by the demo so people can log in. */
export const DEFAULT_OWNER: N8nOwner = {
	email: 'demo@example.com',
	password: 'Bird-demo-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};

/**
 * n8n checks the env-managed owner's password with its own bcryptjs, so the hash is made with the very
 * same library from the pinned install (no extra dependency in this package).
 */
export function ownerPasswordHash(password: string, n8nBin: string): string {
	const requireFromN8n = createRequire(n8nBin);
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(text: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

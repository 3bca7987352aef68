/**
 * The organisation variant of the site (tests/e2e/organisation.spec.ts): three scratch
 * repositories, whose check reports the real CLI merges into the inventory the site is built
 * with (tests/setup/organisation-site.ts). One passes, one calls the research-only
 * fal-ai/stable-cascade and fails, one calls it under a waiver that expires in 10 days: the CLI
 * runs with MODELGATE_NOW=2026-06-15T12:00:00Z (NOW in tests/unit/gate/helpers.ts).
 */

export const WAIVER = { approvedBy: 'jane@legal.example', expires: '2026-06-25', state: 'expires in 10 day(s)' } as const;

/** Where the variant is built, relative to the checkout (inside it: see the setup script). */
export const ORG_SITE_DIR = 'dist/e2e-organisation';

const FLUX = `import { fal } from "@fal-ai/client";

export const make = (prompt: string) => fal.subscribe("fal-ai/flux/dev", { input: { prompt } });
`;

const CASCADE = `import { fal } from "@fal-ai/client";

export const sticker = (prompt: string) =>
  fal.subscribe("fal-ai/stable-cascade", { input: { prompt } });
`;

/** Each repository (`owner/name`) and its files. */
export const REPOSITORIES: Record<string, Record<string, string>> = {
  'acme/web': { 'src/app.ts': FLUX },
  'acme/lab': { 'src/app.ts': FLUX, 'src/sticker.ts': CASCADE },
  'acme/prototype': {
    'src/proto.ts': CASCADE,
    'src/again.ts': CASCADE,
    'modelgate.config.yaml': `waivers:
  - model: fal-ai/stable-cascade
    reason: internal prototype, outputs never published
    approvedBy: ${WAIVER.approvedBy}
    approvedOn: "2026-05-01"
    expires: "${WAIVER.expires}"
`,
  },
};

import { z } from 'zod';

/**
 * An ISO calendar date (YYYY-MM-DD). YAML 1.1 readers (Astro's front-matter parser among them)
 * turn an unquoted date into a Date object, so both forms are accepted and normalised to a string:
 * the same file must validate identically in every reader.
 */
export const IsoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a real calendar date',
  ),
);

/**
 * A fal endpoint id: `owner/alias[/path…]`, every segment starting with a letter or digit.
 * The first-character rule also keeps `.`/`..` out, so an id is always a safe relative path.
 */
export const ENDPOINT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)+$/;
export const EndpointId = z
  .string()
  .regex(ENDPOINT_ID_PATTERN, 'expected an endpoint id like "owner/alias[/path]"')
  .max(200);

/** SPDX licence ids and `LicenseRef-` ids share this grammar (SPDX spec, annex on idstring). */
export const LICENSE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.+-]*$/;
export const LicenseId = z.string().regex(LICENSE_ID_PATTERN, 'expected an SPDX id or a LicenseRef- id').max(120);

/**
 * How well a fact is established: `primary` = the source itself was read (fal's own API or page,
 * the licence text); `secondary` = a third party's copy or summary; `unknown` = not verified.
 */
export const Evidence = z.enum(['primary', 'secondary', 'unknown']);

/** Where a fact came from and when it was seen: every label in the catalog carries one. */
export const Provenance = z.strictObject({
  source: z.string().min(1),
  url: z.url().optional(),
  observed: IsoDate,
  evidence: Evidence,
  note: z.string().min(1).optional(),
});

export type Provenance = z.infer<typeof Provenance>;
export type EvidenceLevel = z.infer<typeof Evidence>;

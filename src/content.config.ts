import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { LicenseSchema } from './core/schema/license.ts';
import { ModelSchema } from './core/schema/model.ts';

/** The content folder; tests and the benchmark point it elsewhere. */
export const CONTENT_DIR = process.env.MODELGATE_CONTENT_DIR ?? './content';

/** The id is the path below the collection folder without `.md`: the endpoint id (or licence id) it must equal. */
const pathId = ({ entry }: { entry: string }) => entry.replace(/\\/g, '/').replace(/\.md$/, '');

const models = defineCollection({
  loader: glob({ pattern: '**/*.md', base: `${CONTENT_DIR}/models`, generateId: pathId }),
  schema: ModelSchema,
});

const licenses = defineCollection({
  loader: glob({ pattern: '**/*.md', base: `${CONTENT_DIR}/licenses`, generateId: pathId }),
  schema: LicenseSchema,
});

export const collections = { models, licenses };

// The framework-free core: what the site, the CLI and the scripts import. Nothing here imports Astro.
export * from './problem.ts';
export * from './schema/common.ts';
export * from './schema/model.ts';
export * from './schema/license.ts';
export * from './schema/policy.ts';
export * from './schema/catalog.ts';
export * from './catalog/endpoint-id.ts';
export * from './catalog/catalog.ts';
export * from './catalog/build.ts';
export * from './catalog/compile.ts';
export * from './catalog/load-compiled.ts';
export * from './verdict/rules.ts';
export * from './verdict/judge.ts';
export * from './verdict/effective-policy.ts';

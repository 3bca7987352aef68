import type { APIRoute } from 'astro';
import { searchData } from '../site/search.ts';

/** Fetched by the search island on first use; never built in the browser. */
export const GET: APIRoute = async () => new Response(JSON.stringify(await searchData()), { headers: { 'content-type': 'application/json' } });

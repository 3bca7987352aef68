import type { APIRoute } from 'astro';
import { toLegalJson } from '../core/site/legal.ts';
import { siteLegalRows } from '../site/legal.ts';

export const GET: APIRoute = async () => new Response(toLegalJson(await siteLegalRows(), { generatedAt: new Date().toISOString() }), { headers: { 'content-type': 'application/json' } });

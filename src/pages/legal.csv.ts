import type { APIRoute } from 'astro';
import { toCsv } from '../core/site/legal.ts';
import { siteLegalRows } from '../site/legal.ts';

export const GET: APIRoute = async () => new Response(toCsv(await siteLegalRows()), { headers: { 'content-type': 'text/csv; charset=utf-8' } });

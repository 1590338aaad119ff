import { toNextJsHandler } from 'better-auth/next-js';
import { getAuth } from '@/lib/auth/auth';

/** better-auth's endpoints: the sign-in link's verification, the single sign-on callback, sign-out, session. */
const handler = async (request: Request) => toNextJsHandler(await getAuth())[request.method === 'GET' ? 'GET' : 'POST'](request);

export const GET = handler;
export const POST = handler;

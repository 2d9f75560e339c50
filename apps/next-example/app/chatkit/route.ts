import { chatkitProxy } from '@/lib/chatkit-proxy';

// POST /chatkit: the ChatKit protocol, cookie in, Bearer out, the reply streamed back as it comes.
export const { POST } = chatkitProxy;

import { chatkitProxy } from '@/lib/chatkit-proxy';

// PUT/POST /chatkit/attachments/{id}/upload and GET /chatkit/attachments/{id}, through the same proxy.
export const { GET, HEAD, PUT, POST } = chatkitProxy.attachments;

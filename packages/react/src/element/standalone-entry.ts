// The standalone build (`vite.element.config.ts`): one classic script with React inside that
// defines <chatwire-chat>, and one stylesheet. Code highlighting and math load on demand from
// beside the script (see standalone-chunks.ts).
import '../styles.css';
import './element.css';
import { defineChatwireChat } from './chatwire-chat-element.js';

defineChatwireChat();

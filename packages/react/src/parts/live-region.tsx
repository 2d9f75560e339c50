import { useEffect, useState } from 'react';
import { useRuntime } from '../context.js';
import { Announcer } from './announcer.js';

/** A visually hidden polite live region that reads streamed replies sentence by sentence. */
export function LiveRegion() {
  const { controller } = useRuntime();
  const [message, setMessage] = useState('');
  useEffect(() => {
    const announcer = new Announcer();
    return controller.subscribe(() => {
      const said = announcer.next(controller.getState());
      if (said !== undefined) setMessage(said);
    });
  }, [controller]);
  return (
    <div className="cw-visually-hidden" aria-live="polite" aria-atomic="true" data-chat-announcer="">
      {message}
    </div>
  );
}

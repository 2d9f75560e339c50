import { useRef, useState, type DragEvent } from 'react';
import type { ChatUi } from '../control.js';

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * Files dropped anywhere on the chat are attached (through the composer, which checks them
 * against the limits). `dragging` is true while files are held over it, for the drop hint.
 */
export function useFileDrop(ui: ChatUi, enabled: boolean) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when the pointer left.
  const depth = useRef(0);
  if (!enabled) return { dragging: false, handlers: {} };
  return {
    dragging,
    handlers: {
      onDragEnter: (event: DragEvent) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setDragging(true);
      },
      onDragOver: (event: DragEvent) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (event: DragEvent) => {
        if (!hasFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop: (event: DragEvent) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setDragging(false);
        const files = [...event.dataTransfer.files];
        if (files.length > 0) ui.setComposerValue({ files });
      },
    },
  };
}

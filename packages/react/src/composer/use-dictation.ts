import { ChatKitHttpError, type ChatController } from '@chatwire/client';
import { useCallback, useEffect, useRef, useState } from 'react';

export type DictationState = 'idle' | 'starting' | 'recording' | 'transcribing';
export type DictationProblem = 'unavailable' | 'microphone' | 'failed';

/** Containers the server most likely decodes, in order; the browser picks the first it can record. */
const TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus', 'audio/mp4'];

/** Whether this browser can record at all. */
export function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

function recordingType(): string | undefined {
  return TYPES.find((type) => MediaRecorder.isTypeSupported?.(type));
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Dictation: `start()` records from the microphone, `stop()` sends the recording to the server
 * (`input.transcribe`) and hands the text to `onText`. A server without a transcriber (501) turns
 * dictation off for this chat and says so; a refused microphone or a failed transcription is a
 * note, and the composer stays usable throughout.
 */
export function useDictation(controller: ChatController, onText: (text: string) => void) {
  const [state, setState] = useState<DictationState>('idle');
  const [problem, setProblem] = useState<DictationProblem | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const recorder = useRef<MediaRecorder | null>(null);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;
  const alive = useRef(true);

  const transcribe = useCallback(
    async (blob: Blob) => {
      try {
        const result = await controller.client.transcribe({ audio_base64: await toBase64(blob), mime_type: blob.type });
        if (alive.current && result.text.trim() !== '') onTextRef.current(result.text.trim());
      } catch (error) {
        if (!alive.current) return;
        if (error instanceof ChatKitHttpError && (error.status === 501 || error.status === 404)) {
          setUnavailable(true);
          setProblem('unavailable');
        } else setProblem('failed');
      } finally {
        if (alive.current) setState('idle');
      }
    },
    [controller],
  );

  const start = useCallback(async () => {
    if (recorder.current || !canRecord()) return;
    setProblem(null);
    setState('starting');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      if (alive.current) {
        setProblem('microphone');
        setState('idle');
      }
      return;
    }
    const type = recordingType();
    const media = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    media.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    media.onstop = () => {
      for (const track of stream.getTracks()) track.stop();
      recorder.current = null;
      const blob = new Blob(chunks, { type: media.mimeType || type || 'audio/webm' });
      if (!alive.current) return;
      if (blob.size === 0) setState('idle');
      else {
        setState('transcribing');
        void transcribe(blob);
      }
    };
    recorder.current = media;
    media.start();
    setState('recording');
  }, [transcribe]);

  const stop = useCallback(() => {
    if (recorder.current?.state === 'recording') recorder.current.stop();
  }, []);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      if (recorder.current?.state === 'recording') recorder.current.stop();
    };
  }, []);

  return { state, problem, unavailable, start, stop, dismissProblem: () => setProblem(null) };
}

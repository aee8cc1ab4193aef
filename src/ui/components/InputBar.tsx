import { useEffect, useRef, useState } from 'react';
import { SAMPLE_PHOTOS, SAMPLE_SCENES, sceneSeedOf } from '../loadSample';

/** Props of {@link InputBar}. */
export interface InputBarProps {
  onFile: (file: Blob, name: string) => void;
  onSample: (src: string) => void;
  busy: boolean;
  /** The shown image's source (`scene:N` for a generated scene), so the seed box shows the scene on screen. */
  source?: string;
}

/** Ways to bring an image: file picker, drop and paste (page-wide), camera, samples, the scene maker. */
export function InputBar({ onFile, onSample, source }: InputBarProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [seed, setSeed] = useState(() => 1 + Math.floor(Math.random() * 99_999));
  // A scene opened from a link or a sample shows its own seed (the box keeps the user's value otherwise).
  useEffect(() => {
    const s = sceneSeedOf(source ?? '');
    if (s !== null) setSeed(s);
  }, [source]);
  const [camera, setCamera] = useState<{ stream: MediaStream } | null>(null);
  const [cameraError, setCameraError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const canCamera = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

  const openCamera = async (): Promise<void> => {
    setCameraError(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      setCamera({ stream });
    } catch (e) {
      setCameraError(`No camera snapshot: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  // Attach the stream once the <video> is in the page.
  useEffect(() => {
    const v = video.current;
    if (!camera || !v) return;
    v.srcObject = camera.stream;
    void v.play().catch((e: unknown) => setCameraError(`The camera preview did not start: ${e instanceof Error ? e.message : String(e)}`));
  }, [camera]);
  const closeCamera = (): void => {
    camera?.stream.getTracks().forEach((t) => t.stop());
    setCamera(null);
  };
  const snap = (): void => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const c = document.createElement('canvas');
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    c.getContext('2d')?.drawImage(v, 0, 0);
    c.toBlob((b) => { if (b) onFile(b, `camera-${new Date().toISOString().slice(11, 19)}.png`); closeCamera(); }, 'image/png');
  };

  return (
    <section className="card input-bar" aria-labelledby="input-h">
      <h2 id="input-h" className="sr-only">Choose an image</h2>
      <div className="row wrap">
        <button type="button" onClick={() => fileRef.current?.click()}>Open an image…</button>
        <input ref={fileRef} type="file" accept="image/*" className="sr-only" aria-label="Image file" data-testid="file-input" tabIndex={-1}
          onChange={(e) => { const f = e.target.files?.[0]; if (f) onFile(f, f.name); e.target.value = ''; }} />
        {canCamera && <button type="button" onClick={camera ? closeCamera : openCamera}>{camera ? 'Close camera' : 'Camera…'}</button>}
        <span className="row">
        <label htmlFor="sample">Sample </label>
        <select id="sample" value="" onChange={(e) => { if (e.target.value) onSample(e.target.value); }}>
          <option value="">choose…</option>
          <optgroup label="Emoji-VOC test scenes">
            {SAMPLE_SCENES.map((s) => <option key={s} value={`scene:${s}`}>scene {s}</option>)}
          </optgroup>
          <optgroup label="Photos">
            {SAMPLE_PHOTOS.map((p) => <option key={p.id} value={`photo:${p.id}`}>{p.label}</option>)}
          </optgroup>
        </select>
        </span>
        <span className="scene-maker" role="group" aria-label="Scene maker">
          <label htmlFor="seed">Scene seed </label>
          <input id="seed" type="number" value={seed} onChange={(e) => setSeed(Math.trunc(Number(e.target.value) || 0))} />
          <button type="button" onClick={() => onSample(`scene:${seed}`)}>Make scene</button>
          <button type="button" onClick={() => { const s = 1 + Math.floor(Math.random() * 99_999); setSeed(s); onSample(`scene:${s}`); }}>Random scene</button>
        </span>
      </div>
      <p className="small">…or drop an image anywhere on the page, or paste one (Ctrl+V). Any size and aspect ratio.</p>
      {cameraError && <p role="alert" className="error">{cameraError}</p>}
      {camera && (
        <div className="camera">
          <video ref={video} muted playsInline aria-label="Camera preview" />
          <button type="button" onClick={snap}>Take snapshot</button>
        </div>
      )}
    </section>
  );
}

import { useState } from 'react';

/** Props of {@link ExportPanel}. */
export interface ExportPanelProps {
  onCoco: () => void;
  onPng: () => void;
  enabled: boolean;
  shareable: boolean;
}

/** Downloads (COCO JSON, annotated PNG) and the shareable link of the current settings and sample. */
export function ExportPanel({ onCoco, onPng, enabled, shareable }: ExportPanelProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('Link copied.');
    } catch {
      setCopied(`Copy this link: ${window.location.href}`);
    }
  };
  return (
    <section className="card" aria-labelledby="export-h">
      <h2 id="export-h">Export and share</h2>
      <div className="row wrap">
        <button type="button" onClick={onCoco} disabled={!enabled}>Detections (COCO JSON)</button>
        <button type="button" onClick={onPng} disabled={!enabled}>Annotated image (PNG)</button>
        <button type="button" onClick={copy}>Copy link</button>
      </div>
      <p className="small">{shareable ? 'The link holds the settings and the sample.' : 'The link holds the settings; a dropped or pasted image cannot travel in a link.'}</p>
      {copied && <p role="status" className="small">{copied}</p>}
    </section>
  );
}

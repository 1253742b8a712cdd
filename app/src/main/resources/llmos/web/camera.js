// The robot's camera: the latest frame with its detection boxes drawn over it.

const NO_FRAMES = 'No camera frames: this agent does not use the camera (only agents with a target or a VLM do).';

export class CameraPanel {
  constructor({ image, boxes, status, caption }) {
    this.image = image;
    this.boxes = boxes;
    this.status = status;
    this.caption = caption;
    this.reset();
  }

  // Back to "no frame yet", e.g. when a new run starts.
  reset(text = NO_FRAMES) {
    this.image.hidden = true;
    this.image.removeAttribute('src');
    this.boxes.replaceChildren();
    this.caption.textContent = '';
    this.setStatus(text, false);
  }

  setStatus(text, isError) {
    this.status.textContent = text;
    this.status.hidden = !text;
    this.status.classList.toggle('error', isError);
  }

  show(frame) {
    if (frame.jpeg) {
      // The contract sends plain base64; accept a data URL as well.
      this.image.src = frame.jpeg.startsWith('data:') ? frame.jpeg : `data:image/jpeg;base64,${frame.jpeg}`;
      this.image.hidden = false;
    }
    // A failed frame has no detections, which means "unknown", not "nothing there": say why.
    this.setStatus(frame.error ? `Perception failed: ${frame.error}` : '', Boolean(frame.error));
    const detections = frame.detections ?? [];
    // Boxes are fractions of the image from its top-left corner, so percentages of the
    // overlay (the image's own box) keep them in place at any displayed size.
    this.boxes.replaceChildren(...detections.map((d) => {
      const box = document.createElement('div');
      box.className = 'camera-box';
      box.style.left = `${d.x * 100}%`;
      box.style.top = `${d.y * 100}%`;
      box.style.width = `${d.w * 100}%`;
      box.style.height = `${d.h * 100}%`;
      const tag = document.createElement('span');
      tag.className = 'camera-box-label';
      const depth = d.depthM == null ? '' : ` ${d.depthM.toFixed(2)} m`;
      tag.textContent = `${d.label} ${(d.confidence ?? 0).toFixed(2)}${depth}`;
      box.dataset.label = d.label;
      box.append(tag);
      return box;
    }));
    const parts = [`frame ${frame.frameId ?? '?'}`];
    if (frame.timeS != null) parts.push(`t ${frame.timeS.toFixed(1)} s`);
    if (frame.width && frame.height) parts.push(`${frame.width}×${frame.height}`);
    parts.push(detections.length === 1 ? '1 detection' : `${detections.length} detections`);
    this.caption.textContent = parts.join(' · ');
  }
}

import type { Map as MapLibre } from 'maplibre-gl';
import { h } from './dom.js';

export interface PlaceLabel {
  name: string;
  lon: number;
  lat: number;
}

const MIN_ZOOM = 5.2;

/**
 * Place names drawn on a 2D canvas over the map, again on every frame the map renders. Text layers
 * would need glyph files this page does not ship; one HTML marker per name costs a style and layout
 * pass per marker per frame, which the web bench found to be most of each frame while the map moves.
 */
export function drawPlaceLabels(map: MapLibre, labels: PlaceLabel[]): void {
  const canvas = h('canvas', { class: 'place-labels', 'aria-hidden': 'true' });
  map.getCanvasContainer().appendChild(canvas);
  const context = canvas.getContext('2d');
  if (!context) return;
  const draw = () => {
    const { clientWidth: width, clientHeight: height } = map.getCanvas();
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    if (map.getZoom() < MIN_ZOOM) return;
    context.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.lineJoin = 'round';
    context.lineWidth = 3;
    context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    context.fillStyle = '#3d3a33';
    for (const label of labels) {
      const p = map.project([label.lon, label.lat]);
      if (p.x < -60 || p.y < -10 || p.x > width + 60 || p.y > height + 10) continue;
      context.strokeText(label.name, p.x, p.y);
      context.fillText(label.name, p.x, p.y);
    }
  };
  map.on('render', draw);
  draw();
}

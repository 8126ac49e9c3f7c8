import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection, Point } from 'geojson';
import {
  type GeoJSONSource,
  LngLatBounds,
  type MapGeoJSONFeature,
  Map as MapLibre,
  Marker,
  NavigationControl,
  Popup,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { labelPoint, loadBoundaries } from './boundaries.js';
import { EVENT_TYPES, TYPE_COLORS } from './colors.js';
import { clear, h } from './dom.js';
import type { PointRow } from './types.js';

setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** For the browser tests: the map, to find where an incident is drawn. */
    tallyMap?: MapLibre;
  }
}

type PointProps = { id: number; best: number | null; type: string; date: string; place: string | null };

const typeColor = ['match', ['get', 'type'], ...EVENT_TYPES.flatMap((t) => [t, TYPE_COLORS[t]]), '#444444'];

export interface MapView {
  setPoints(rows: PointRow[], fit: boolean): void;
  resize(): void;
}

/** The map: bundled boundaries, incidents clustered in the worker so 100,000 stay smooth. */
export function createMap(container: HTMLElement, openIncident: (id: number) => void): MapView {
  const map = new MapLibre({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'sea', type: 'background', paint: { 'background-color': '#dbe7f0' } }],
    },
    center: [66.5, 34.2],
    zoom: 4.6,
    attributionControl: false,
    maxZoom: 14,
  });
  window.tallyMap = map;
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  let pending: { rows: PointRow[]; fit: boolean } | null = null;
  let ready = false;

  map.on('load', async () => {
    map.addSource('incidents', {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      cluster: true,
      clusterRadius: 36,
      clusterMaxZoom: 9,
      clusterProperties: { deaths: ['+', ['coalesce', ['get', 'best'], 0]] },
    });
    map.addLayer({
      id: 'clusters',
      type: 'circle',
      source: 'incidents',
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#37474f',
        'circle-opacity': 0.7,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'deaths']], 0, 9, 30, 22, 300, 48],
      },
    });
    map.addLayer({
      id: 'points',
      type: 'circle',
      source: 'incidents',
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': typeColor as never,
        'circle-opacity': 0.85,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'best'], 0]], 0, 4, 10, 12, 40, 32],
      },
    });
    ready = true;
    if (pending) view.setPoints(pending.rows, pending.fit);
    try {
      const { countries, provinces } = await loadBoundaries();
      map.addSource('countries', { type: 'geojson', data: countries });
      map.addSource('provinces', { type: 'geojson', data: provinces });
      map.addLayer({ id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f3f0e8' } }, 'clusters');
      map.addLayer(
        { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#8a8a8a', 'line-width': 0.8 } },
        'clusters',
      );
      map.addLayer(
        {
          id: 'provinces',
          type: 'line',
          source: 'provinces',
          paint: { 'line-color': '#8f877a', 'line-width': 0.8, 'line-dasharray': [3, 2] },
        },
        'clusters',
      );
      // Province names as HTML labels: text layers would need glyph files this page does not ship.
      for (const f of provinces.features) {
        const [lon, lat] = labelPoint(f.geometry);
        new Marker({ element: h('span', { class: 'place-label', 'aria-hidden': 'true' }, f.properties.name) })
          .setLngLat([lon, lat])
          .addTo(map);
      }
      const toggleLabels = () => {
        container.dataset.labels = map.getZoom() >= 5.2 ? 'on' : 'off';
      };
      map.on('zoomend', toggleLabels);
      toggleLabels();
      container.dataset.boundaries = 'loaded';
    } catch (error) {
      container.dataset.boundaries = `failed: ${String(error)}`;
    }
  });

  map.on('click', 'clusters', async (e) => {
    const feature = e.features?.[0];
    const source = map.getSource<GeoJSONSource>('incidents');
    const clusterId = feature?.properties?.cluster_id;
    if (!feature || !source || typeof clusterId !== 'number') return;
    const zoom = await source.getClusterExpansionZoom(clusterId);
    map.easeTo({ center: (feature.geometry as Point).coordinates as [number, number], zoom });
  });

  map.on('click', 'points', (e) => {
    const features = (e.features ?? []) as MapGeoJSONFeature[];
    if (features.length === 0) return;
    const list = h('ul', { class: 'popup-list' });
    for (const f of features.slice(0, 8)) {
      const p = f.properties as PointProps;
      list.append(
        h(
          'li',
          {},
          h(
            'a',
            {
              href: `./?view=incident&id=${p.id}`,
              onclick: (event: Event) => {
                event.preventDefault();
                openIncident(Number(p.id));
              },
            },
            `${p.date} ${p.place ?? 'place unknown'}`,
          ),
          h('span', { class: 'muted' }, ` ${p.type}, deaths ${p.best ?? 'unknown'}`),
        ),
      );
    }
    new Popup({ closeButton: true, maxWidth: '280px' })
      .setLngLat(e.lngLat)
      .setDOMContent(h('div', {}, list))
      .addTo(map);
  });
  for (const layer of ['clusters', 'points']) {
    map.on('mouseenter', layer, () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
    });
  }

  const view: MapView = {
    setPoints(rows, fit) {
      if (!ready) {
        pending = { rows, fit };
        return;
      }
      pending = null;
      const features: Feature<Point, PointProps>[] = [];
      const bounds = new LngLatBounds();
      for (const [id, lon, lat, , best, , type, date, place] of rows) {
        if (lon === null || lat === null) continue;
        features.push({
          type: 'Feature',
          id,
          geometry: { type: 'Point', coordinates: [lon, lat] },
          properties: { id, best, type, date, place },
        });
        bounds.extend([lon, lat]);
      }
      const data: FeatureCollection<Point, PointProps> = { type: 'FeatureCollection', features };
      map.getSource<GeoJSONSource>('incidents')?.setData(data);
      container.dataset.points = String(features.length);
      if (fit && features.length > 0 && features.length <= 200) {
        map.fitBounds(bounds, { padding: 60, maxZoom: 7, duration: 0 });
      }
    },
    resize() {
      map.resize();
    },
  };
  return view;
}

/** The same curve as the points layer's circle-radius, for the legend. */
function radiusFor(deaths: number): number {
  const r = Math.sqrt(deaths);
  return r <= 10 ? 4 + (8 * r) / 10 : 12 + (20 * Math.min(r - 10, 30)) / 30;
}

export function renderLegend(el: HTMLElement): void {
  clear(
    el,
    h('h3', { class: 'legend-title' }, 'Event type'),
    h(
      'ul',
      { class: 'legend-types' },
      EVENT_TYPES.map((t) =>
        h('li', {}, h('span', { class: 'swatch', style: `background:${TYPE_COLORS[t]}`, 'aria-hidden': 'true' }), t),
      ),
    ),
    h(
      'p',
      { class: 'legend-note' },
      h('span', { class: 'swatch cluster', 'aria-hidden': 'true' }),
      'Grey circles group nearby incidents; select one to zoom in. Circle area follows the best estimate of deaths:',
    ),
    h(
      'ul',
      { class: 'size-key' },
      [1, 100, 1000].map((n) => {
        const px = Math.round(2 * radiusFor(n));
        return h(
          'li',
          {},
          h('span', { class: 'dot', style: `width:${px}px;height:${px}px`, 'aria-hidden': 'true' }),
          n.toLocaleString('en-GB'),
        );
      }),
    ),
  );
}

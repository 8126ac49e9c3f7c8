import 'maplibre-gl/dist/maplibre-gl.css';
import {
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapLayerMouseEvent,
  Map as MapLibre,
  NavigationControl,
  Popup,
  setWorkerUrl,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { labelPoint, loadBoundaries } from './boundaries.js';
import { EVENT_TYPES, TYPE_COLORS } from './colors.js';
import { formatEstimate, h } from './dom.js';
import {
  type Bounds,
  type Cell,
  type CellProps,
  cellFeatures,
  contains,
  fetchCellIncidents,
  fetchGrid,
  type Grid,
  type GridStats,
  isStack,
  normalize,
  paddedBounds,
} from './map-cells.js';
import { createMapList } from './map-list.js';
import { drawPlaceLabels } from './place-labels.js';
import type { Filters } from './state.js';

setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** For the browser tests: the map, to find where an incident is drawn. */
    tallyMap?: MapLibre;
  }
}

const MAX_ZOOM = 14;
const SEA = '#dbe7f0';
const LAND = '#f3f0e8';
const typeColor = ['match', ['get', 'type'], ...EVENT_TYPES.flatMap((t) => [t, TYPE_COLORS[t]]), '#444444'];

export interface MapView {
  /** Shows the incidents matching `filters` (fitting the map to them when few); resolves with their totals. */
  setFilters(filters: Filters, fit: boolean): Promise<GridStats>;
  resize(): void;
}

/**
 * The map: bundled boundaries, and the incidents gathered by the server into grid cells for the
 * zoom, so 100,000 incidents cost a few hundred circles. Moving to another zoom level, or beyond
 * the area loaded, asks for the cells again.
 */
export function createMap(container: HTMLElement, listHost: HTMLElement, openIncident: (id: number) => void): MapView {
  const map = new MapLibre({
    container,
    style: {
      version: 8,
      sources: {},
      // Land is the background and the sea is drawn over it (boundaries.ts says why); until the
      // boundaries load, everything is sea.
      layers: [{ id: 'ground', type: 'background', paint: { 'background-color': SEA } }],
    },
    center: [66.5, 34.2],
    zoom: 4.6,
    attributionControl: false,
    maxZoom: MAX_ZOOM,
    keyboard: true,
    locale: {
      'Map.Title': 'Map of incidents. Arrow keys pan, plus and minus zoom, Enter lists what is in view.',
    },
  });
  window.tallyMap = map;
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  let filters: Filters = {};
  let grid: Grid | null = null;
  let pending: Grid | null = null;
  let ready = false;
  let seq = 0;
  let drawCount = 0;
  let fitting = false;

  const view = (): Bounds => {
    const b = map.getBounds();
    return normalize([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
  };
  const inView = (): Cell[] => {
    const [w, s, e, n] = view();
    return (grid?.cells ?? []).filter((c) => c.lon >= w && c.lon <= e && c.lat >= s && c.lat <= n);
  };
  const listCell = (cell: Cell) => fetchCellIncidents(filters, cell, 10);
  const zoomTo = (cell: Cell) => {
    const [w, s, e, n] = cell.bounds;
    map.fitBounds([w, s, e, n], { padding: 60, maxZoom: Math.min(MAX_ZOOM, Math.floor(map.getZoom()) + 3) });
  };
  const list = createMapList(listHost, {
    inView,
    openIncident,
    zoomTo,
    listCell,
    backToMap: () => map.getCanvas().focus(),
  });

  const draw = (g: Grid) => {
    grid = g;
    if (!ready) {
      pending = g;
      return;
    }
    pending = null;
    map.getSource<GeoJSONSource>('incidents')?.setData(cellFeatures(g.cells));
    container.dataset.points = String(g.stats.mapped);
    // For the browser tests and the web bench: the cells are drawn once the map is idle again.
    const drawn = ++drawCount;
    map.once('idle', () => {
      container.dataset.drawn = String(drawn);
      performance.mark('tally:map-drawn');
      list.refresh();
    });
  };
  const load = async (): Promise<Grid> => fetchGrid(filters, map.getZoom(), paddedBounds(view()));

  map.on('load', async () => {
    map.addSource('incidents', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: 'clusters',
      type: 'circle',
      source: 'incidents',
      filter: ['>', ['get', 'count'], 1],
      paint: {
        'circle-color': '#37474f',
        'circle-opacity': 0.7,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        // At most about two cells across: wider circles hid their neighbours, and cost the most to draw.
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'best'], 0]], 0, 8, 30, 18, 300, 30],
      },
    });
    map.addLayer({
      id: 'points',
      type: 'circle',
      source: 'incidents',
      filter: ['==', ['get', 'count'], 1],
      paint: {
        'circle-color': typeColor as never,
        'circle-opacity': 0.85,
        // A dark edge: the lighter type colours alone stand at under 3:1 against the land.
        'circle-stroke-color': '#1b1b1b',
        'circle-stroke-width': 1,
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['coalesce', ['get', 'best'], 0]], 0, 4, 10, 12, 40, 24],
      },
    });
    ready = true;
    if (pending) draw(pending);
    try {
      const { countries, provinces, sea } = await loadBoundaries();
      map.addSource('countries', { type: 'geojson', data: countries });
      map.addSource('provinces', { type: 'geojson', data: provinces });
      map.addSource('sea', { type: 'geojson', data: { type: 'Feature', geometry: sea, properties: {} } });
      map.setPaintProperty('ground', 'background-color', LAND);
      map.addLayer({ id: 'sea', type: 'fill', source: 'sea', paint: { 'fill-color': SEA } }, 'clusters');
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
      drawPlaceLabels(
        map,
        provinces.features.map((f) => {
          const [lon, lat] = labelPoint(f.geometry);
          return { name: f.properties.name, lon, lat };
        }),
      );
      container.dataset.boundaries = 'loaded';
    } catch (error) {
      container.dataset.boundaries = `failed: ${String(error)}`;
    }
  });

  map.on('moveend', () => {
    if (!grid || fitting) return;
    if (Math.floor(map.getZoom()) === grid.zoom && contains(grid.bbox, view())) {
      list.refresh();
      return;
    }
    const mine = ++seq;
    load().then(
      (g) => {
        if (mine === seq) draw(g);
      },
      (error) => {
        container.dataset.error = String(error);
      },
    );
  });

  const incidentLink = (id: number, text: string) =>
    h(
      'a',
      {
        href: `./?view=incident&id=${id}`,
        onclick: (event: Event) => {
          event.preventDefault();
          openIncident(id);
        },
      },
      text,
    );
  const popup = (at: MapLayerMouseEvent['lngLat'], ...content: (Node | string)[]) =>
    new Popup({ closeButton: true, maxWidth: '300px' })
      .setLngLat(at)
      .setDOMContent(h('div', {}, ...content))
      .addTo(map);

  map.on('click', 'clusters', async (e) => {
    const key = (e.features?.[0]?.properties as CellProps | undefined)?.key;
    const cell = key === undefined ? undefined : grid?.cells[key];
    if (!cell) return;
    if (!isStack(cell) && map.getZoom() < MAX_ZOOM - 0.5) {
      zoomTo(cell);
      return;
    }
    const rows = await listCell(cell);
    popup(
      e.lngLat,
      h('p', { class: 'popup-title' }, `${cell.count.toLocaleString('en-GB')} incidents here, newest first:`),
      h(
        'ul',
        { class: 'popup-list' },
        rows.map(([id, , , low, best, high, type, date, place]) =>
          h(
            'li',
            {},
            incidentLink(id, `${date} ${place ?? 'place unknown'}`),
            h('span', { class: 'muted' }, ` ${type}, deaths ${formatEstimate(low, best, high)}`),
          ),
        ),
      ),
    );
  });

  map.on('click', 'points', (e) => {
    const features = (e.features ?? []) as MapGeoJSONFeature[];
    if (features.length === 0) return;
    popup(
      e.lngLat,
      h(
        'ul',
        { class: 'popup-list' },
        features.slice(0, 8).map((f) => {
          const p = f.properties as CellProps;
          return h(
            'li',
            {},
            incidentLink(Number(p.id), `${p.date} ${p.place ?? 'place unknown'}`),
            h('span', { class: 'muted' }, ` ${p.type}, deaths ${p.best ?? 'unknown'}`),
          );
        }),
      ),
    );
  });
  for (const layer of ['clusters', 'points']) {
    map.on('mouseenter', layer, () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
    });
  }
  map.getCanvas().addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    list.open();
  });

  return {
    async setFilters(next, fit) {
      filters = next;
      const mine = ++seq;
      let g = await load();
      const extent = g.stats.extent;
      if (mine === seq && fit && extent && g.stats.mapped <= 200) {
        const camera = map.cameraForBounds(extent, { padding: 60, maxZoom: 7 });
        if (camera) {
          fitting = true;
          map.jumpTo(camera);
          fitting = false;
          g = await load();
        }
      }
      if (mine === seq) draw(g);
      return g.stats;
    },
    resize() {
      map.resize();
    },
  };
}

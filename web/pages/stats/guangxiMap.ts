import { echarts } from "./EChart";

interface CountyFeature {
  type: "Feature";
  properties: { code: string; name: string; cityCode: string; city: string };
  geometry: { type: "Polygon" | "MultiPolygon"; coordinates: unknown[] };
}
interface Counties {
  type: "FeatureCollection";
  features: CountyFeature[];
}

/** Map names registered with ECharts; regions are matched by GB/T 2260 code (`nameProperty: "code"`). */
export const COUNTY_MAP = "guangxi-counties";
export const CITY_MAP = "guangxi-cities";

const polygonsOf = (g: CountyFeature["geometry"]) =>
  g.type === "Polygon" ? [g.coordinates] : (g.coordinates as unknown[]);

/** City outlines from their counties: each city one MultiPolygon of its counties' polygons. */
export function mergeByCity(counties: Counties) {
  const cities = new Map<string, { name: string; polygons: unknown[] }>();
  for (const f of counties.features) {
    const c = cities.get(f.properties.cityCode) ?? { name: f.properties.city, polygons: [] };
    c.polygons.push(...polygonsOf(f.geometry));
    cities.set(f.properties.cityCode, c);
  }
  return {
    type: "FeatureCollection" as const,
    features: [...cities].map(([code, c]) => ({
      type: "Feature" as const,
      properties: { code, name: c.name },
      geometry: { type: "MultiPolygon" as const, coordinates: c.polygons },
    })),
  };
}

let loaded: Promise<void> | null = null;

/** Loads the shipped county outlines (once) and registers the county and city maps. */
export function loadGuangxiMaps(): Promise<void> {
  loaded ??= import("./guangxi-counties.json").then((m) => {
    const counties = (m.default ?? m) as unknown as Counties;
    echarts.registerMap(COUNTY_MAP, counties as never);
    echarts.registerMap(CITY_MAP, mergeByCity(counties) as never);
  });
  return loaded;
}

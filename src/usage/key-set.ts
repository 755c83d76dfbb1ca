// De-duplication keys held as two 32-bit hashes in typed arrays, not as strings in a Set: a
// million response ids cost 16 MB here (24 MB with what each counted response spent), ~100 MB as a
// Set<string>. Two different keys collide on
// both hashes with a chance of about n²/2⁶⁵ — 3 in 100 million for a million records — and a
// collision counts a record as a duplicate; that is the price of bounded memory.

export class KeySet {
  private h1 = new Uint32Array(1 << 12);
  /** The second hash; 0 marks an empty slot (a key hashing to 0 is stored as 1). */
  private h2 = new Uint32Array(1 << 12);
  /** What the counted snapshot of the key spent (output + reasoning), where asked to keep it. */
  private spent: Uint32Array;
  private count = 0;
  private a = 0;
  private b = 0;

  /** `withSpent`: keep a 32-bit figure per key (Claude Code's keep rule), 4 bytes more a slot. */
  constructor(private readonly withSpent = false) {
    this.spent = new Uint32Array(withSpent ? 1 << 12 : 0);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the key (with what its record spent); false when it was there already. */
  add(key: string, spent = 0): boolean {
    const i = this.slot(key);
    if (this.h2[i] !== 0) return false;
    this.h1[i] = this.a;
    this.h2[i] = this.b;
    if (this.withSpent) this.spent[i] = Math.min(spent, 0xffffffff);
    if (++this.count * 2 > this.h2.length) this.grow();
    return true;
  }

  has(key: string): boolean {
    return this.h2[this.slot(key)] !== 0;
  }

  /** What the key's counted record spent; -1 when the key is unknown. */
  spentBy(key: string): number {
    const i = this.slot(key);
    return this.h2[i] === 0 ? -1 : this.withSpent ? this.spent[i]! : 0;
  }

  setSpent(key: string, spent: number): void {
    const i = this.slot(key);
    if (this.h2[i] !== 0 && this.withSpent) this.spent[i] = Math.min(spent, 0xffffffff);
  }

  /** The key's slot, or the empty slot where it would go. */
  private slot(key: string): number {
    keyHashes(key, HASHES);
    const a = HASHES[0]!;
    const b = HASHES[1]!;
    this.a = a;
    this.b = b;
    const mask = this.h2.length - 1;
    let i = firstSlot(a, b, mask);
    while (this.h2[i] !== 0 && (this.h1[i] !== a || this.h2[i] !== b)) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const [h1, h2, spent] = [this.h1, this.h2, this.spent];
    const size = h2.length * 2;
    this.h1 = new Uint32Array(size);
    this.h2 = new Uint32Array(size);
    this.spent = new Uint32Array(this.withSpent ? size : 0);
    const mask = size - 1;
    for (let j = 0; j < h2.length; j++) {
      if (h2[j] === 0) continue;
      let i = firstSlot(h1[j]!, h2[j]!, mask);
      while (this.h2[i] !== 0) i = (i + 1) & mask;
      this.h1[i] = h1[j]!;
      this.h2[i] = h2[j]!;
      if (this.withSpent) this.spent[i] = spent[j]!;
    }
  }
}

const HASHES = new Uint32Array(2);

/** A key's two 32-bit hashes into out[0] and out[1] (FNV-1a, and a murmur-style mix that is never 0). */
export function keyHashes(key: string, out: Uint32Array): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  out[0] = (a ^ (a >>> 16)) >>> 0;
  out[1] = Math.imul(b ^ (b >>> 13), 0xc2b2ae35) >>> 0 || 1;
}

/** Where a key with these hashes starts probing, in a table of mask + 1 slots. */
export const firstSlot = (a: number, b: number, mask: number): number => (a ^ Math.imul(b, 0x27d4eb2d)) & mask;

// Reading fields out of parsed JSON with errors that name the file (and line), the field's
// full path and what was expected: "run/result.json: field 'test.rocAuc' must be a number,
// got "high"". JSON null counts as absent, since JSON.stringify writes NaN as null.

export class FormatError extends Error {}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing (field missing)';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export class Fields {
  private constructor(
    readonly value: Record<string, unknown>,
    readonly where: string,
    readonly prefix: string,
  ) {}

  /** Wraps `v`, which must be a JSON object; `where` is "file" or "file:line". */
  static of(v: unknown, where: string, prefix = ''): Fields {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new FormatError(prefix ? `${where}: field '${prefix}' must be an object, got ${describe(v)}` : `${where}: expected a JSON object, got ${describe(v)}`);
    }
    return new Fields(v as Record<string, unknown>, where, prefix);
  }

  path(key: string | number): string {
    return typeof key === 'number' ? `${this.prefix}[${key}]` : this.prefix ? `${this.prefix}.${key}` : key;
  }

  fail(key: string | number, expected: string, got: unknown): never {
    throw new FormatError(`${this.where}: field '${this.path(key)}' ${expected}, got ${describe(got)}`);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  optNum(key: string): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, 'must be a number', v);
    return v;
  }

  num(key: string): number {
    const v = this.optNum(key);
    return v === undefined ? this.fail(key, 'is required (a number)', this.value[key]) : v;
  }

  optStr(key: string): string | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.fail(key, 'must be a string', v);
    return v;
  }

  str(key: string): string {
    const v = this.optStr(key);
    return v === undefined ? this.fail(key, 'is required (a string)', this.value[key]) : v;
  }

  optObj(key: string): Fields | undefined {
    return this.has(key) ? Fields.of(this.value[key], this.where, this.path(key)) : undefined;
  }

  obj(key: string): Fields {
    return this.optObj(key) ?? this.fail(key, 'is required (an object)', this.value[key]);
  }

  /** An array of objects, each wrapped with its index in the path. */
  optObjs(key: string): Fields[] | undefined {
    if (!this.has(key)) return undefined;
    const v = this.value[key];
    if (!Array.isArray(v)) this.fail(key, 'must be an array', v);
    return v.map((x, i) => Fields.of(x, this.where, `${this.path(key)}[${i}]`));
  }

  objs(key: string): Fields[] {
    return this.optObjs(key) ?? this.fail(key, 'is required (an array)', this.value[key]);
  }

  numArray(key: string): number[];
  numArray(key: string, allowNull: true): (number | null)[];
  numArray(key: string, allowNull = false): (number | null)[] {
    const v = this.value[key];
    if (!Array.isArray(v)) this.fail(key, 'is required (an array of numbers)', v);
    v.forEach((x, i) => {
      if (allowNull && x === null) return;
      if (typeof x !== 'number' || !Number.isFinite(x)) this.fail(`${key}[${i}]`, 'must be a number', x);
    });
    return v as (number | null)[];
  }

  /** An object whose values are all numbers, e.g. {"logon": 0.1, "device": 0.5}. */
  optNumRecord(key: string): Record<string, number> | undefined {
    const o = this.optObj(key);
    if (!o) return undefined;
    return Object.fromEntries(Object.keys(o.value).filter((k) => o.has(k)).map((k) => [k, o.num(k)]));
  }

  keys(): string[] {
    return Object.keys(this.value).filter((k) => this.has(k));
  }
}

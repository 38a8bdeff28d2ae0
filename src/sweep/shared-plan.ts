// The read-only plan crosses to worker threads once: every typed array is copied into a SharedArrayBuffer,
// so structured cloning shares it instead of copying (Arrow-backed columns are views on the whole file
// buffer, which a plain clone would copy per column).
import type { Bars } from '../data/types.ts';
import type { TradePlan } from '../simulate/types.ts';

type Typed = Float64Array | Int32Array | Int8Array | Uint8Array;

function share<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

function shareObject<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = ArrayBuffer.isView(v) ? share(v as Typed) : v;
  return out as T;
}

export function sharePlan(plan: TradePlan): TradePlan {
  const bars = shareObject<Bars>(plan.bars);
  return { ...shareObject(plan), bars };
}

export function shareFloat64(a: Float64Array): Float64Array {
  return share(a);
}

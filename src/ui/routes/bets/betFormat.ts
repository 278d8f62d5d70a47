/** How bet numbers read on screen: short, and never with float noise. */

/** Up to two decimals, trailing zeros dropped: 3.3333 -> "3.33", 10 -> "10". */
export function num(x: number, digits = 2): string {
  return String(Number(x.toFixed(digits)));
}

export function signed(x: number, digits = 2): string {
  const v = Number(x.toFixed(digits));
  return v > 0 ? `+${num(v, digits)}` : v < 0 ? `−${num(-v, digits)}` : '0';
}

/** 4 -> "4h", 1.5 -> "1h 30m", 0.25 -> "15m", 20 seconds -> "20s". */
export function hours(h: number): string {
  if (h > 0 && h < 1 / 60) return `${Math.round(h * 3600)}s`;
  const totalMinutes = Math.round(h * 60);
  const whole = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (whole === 0) return `${minutes}m`;
  return minutes === 0 ? `${whole}h` : `${whole}h ${minutes}m`;
}

/** A running clock: 0:05:07. */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Hours from a timer as text the hours field reads back closely enough: "0.05m", "12.5m", "1.75h". */
export function hoursInput(h: number): string {
  if (!(h > 0)) return '';
  if (h < 1 / 60) return `${num(h * 60, 2)}m`;
  return h < 1 ? `${num(h * 60, 1)}m` : `${num(h, 2)}h`;
}

export const outcomeBadge = { hit: 'good', miss: 'bad', abandoned: 'neutral' } as const;
export const labelBadge = { predictive: 'good', discredited: 'bad', unproven: 'neutral' } as const;
